using System.Globalization;
using System.Text.Json;
using System.Net.Http.Json;
using static Pathavana.Tests.Assistant.Conversations.Turn;

namespace Pathavana.Tests.Assistant.Conversations;

/// <summary>
/// Conversations a traveller has with the assistant, over the HTTP API, on the embedded default
/// (SQLite) and on PostgreSQL: edits, never getting stuck, budgets, explained empty results, flexible
/// dates, open destinations, multi-city, everyday language, questions, grounded replies. Every reply of
/// every conversation is also checked for grounding (<see cref="Turn.AssertGrounded"/>).
/// </summary>
public sealed class ConversationTests(ConversationApps apps) : IClassFixture<ConversationApps>
{
    private DateOnly Today => apps.Today;

    /// <summary>"12 March": a day of month the parser reads as that date.</summary>
    private static string Said(DateOnly d) => d.ToString("d MMMM", CultureInfo.InvariantCulture);

    private DateOnly Ahead(int days) => Today.AddDays(days);

    private static void AllFlights(Turn t, Action<JsonElement> check)
    {
        Assert.True(t.Flights.Length > 0, t.ToString());
        foreach (var card in t.Flights)
        {
            check(card);
        }
    }

    // ---- 1. edits: shifts, return only, nights, party, removals --------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_a_day_earlier_moves_only_the_departure_and_says_so(string store)
    {
        var me = await apps.StartAsync(store);
        var (go, back) = (Ahead(40), Ahead(47));
        await me.SayAsync($"flights from Boston to Lisbon on {Said(go)}, back on {Said(back)}, 2 adults");
        var t = await me.SayAsync("go a day earlier");
        Assert.True(t.Says("Leaving") && t.Says("instead, same return"), t.ToString());
        AllFlights(t, c => { Assert.Equal(go.AddDays(-1), OutboundDay(c)); Assert.Equal(back, ReturnDay(c)); });
        Assert.Equal(go.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Query("departureDate"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_come_back_on_another_day_changes_only_the_return(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(30);
        var back = go.AddDays(6);
        await me.SayAsync($"2 adults from Chicago to Denver on {Said(go)}, returning {Said(back)}");
        var newBack = go.AddDays(9);
        var t = await me.SayAsync($"come back on the {newBack.Day}{Suffix(newBack.Day)} instead");
        Assert.True(t.Says("Coming back") && t.Says("same departure"), t.ToString());
        AllFlights(t, c => { Assert.Equal(go, OutboundDay(c)); Assert.Equal(newBack, ReturnDay(c)); });
    }

    private static string Suffix(int day) => day is 1 or 21 or 31 ? "st" : day is 2 or 22 ? "nd" : day is 3 or 23 ? "rd" : "th";

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_move_the_whole_trip_keeps_its_length(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(35);
        await me.SayAsync($"just me, New York to Miami on {Said(go)} for a week");
        var t = await me.SayAsync("move it all forward three days");
        Assert.True(t.Says("Moved the whole trip 3 days later"), t.ToString());
        AllFlights(t, c => { Assert.Equal(go.AddDays(3), OutboundDay(c)); Assert.Equal(go.AddDays(10), ReturnDay(c)); });
    }

    [Fact]
    public async Task Edit_leaving_later_on_a_trip_given_by_its_length_keeps_the_length()
    {
        var me = await apps.StartAsync("embedded");
        var go = Ahead(35);
        await me.SayAsync($"just me, New York to Miami on {Said(go)} for a week");
        var t = await me.SayAsync("can we leave a couple of days later");
        Assert.True(t.Says("Moved the whole trip 2 days later"), t.ToString());
        AllFlights(t, c => { Assert.Equal(go.AddDays(2), OutboundDay(c)); Assert.Equal(go.AddDays(9), ReturnDay(c)); });
        var pushed = await me.SayAsync("hmm, push it back a day");
        Assert.True(pushed.Says("Moved the whole trip 1 day later"), pushed.ToString());
        AllFlights(pushed, c => { Assert.Equal(go.AddDays(3), OutboundDay(c)); Assert.Equal(go.AddDays(10), ReturnDay(c)); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_an_extra_night_then_one_night_fewer_on_a_hotel(string store)
    {
        var me = await apps.StartAsync(store);
        var checkIn = Ahead(25);
        await me.SayAsync($"a hotel in Paris from {Said(checkIn)} for 3 nights for 2 adults");
        var longer = await me.SayAsync("stay an extra night");
        Assert.All(longer.Hotels, h => Assert.Equal(checkIn.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.GetProperty("hotel").GetProperty("checkOut").GetString()));
        Assert.True(longer.Says("instead"), longer.ToString());
        var shorter = await me.SayAsync("one night fewer");
        Assert.NotEmpty(shorter.Hotels);
        Assert.All(shorter.Hotels, h => Assert.Equal(checkIn.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.GetProperty("hotel").GetProperty("checkOut").GetString()));
        Assert.Equal("hotels", shorter.Search!.Value.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Edit_add_a_day_then_shorten_by_two_days_moves_the_return_only()
    {
        var me = await apps.StartAsync("embedded");
        var go = Ahead(40);
        await me.SayAsync($"just me, Boston to Chicago on {Said(go)} for a week");
        var longer = await me.SayAsync("add a day");
        AllFlights(longer, c => { Assert.Equal(go, OutboundDay(c)); Assert.Equal(go.AddDays(8), ReturnDay(c)); });
        var shorter = await me.SayAsync("can you shorten the trip by two days");
        AllFlights(shorter, c => { Assert.Equal(go, OutboundDay(c)); Assert.Equal(go.AddDays(6), ReturnDay(c)); });
    }

    [Fact]
    public async Task Near_the_beach_measures_from_the_city_beach_and_says_so_where_there_is_none()
    {
        var me = await apps.StartAsync("embedded");
        var t = await me.SayAsync($"a hotel in Barcelona by the beach from {Said(Ahead(45))} for 4 nights, 2 adults");
        Assert.NotEmpty(t.Hotels);
        Assert.True(t.Says("of Barceloneta Beach"), t.ToString());
        Assert.Equal("Barceloneta Beach", t.Query("near"));
        Assert.All(t.Hotels, h => Assert.InRange(h.GetProperty("hotel").GetProperty("hotel").GetProperty("distanceKm").GetDouble(), 0, 2));

        // Lisbon's beaches are out of town: the reply says none is near and offers the city's hotels.
        var lisbon = await me.SayAsync($"and a hotel in Lisbon on the beach from {Said(Ahead(50))} for 2 nights");
        Assert.True(lisbon.Says("near the beach"), lisbon.ToString());
        Assert.True(lisbon.Says("No hotel"), lisbon.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_central_keeps_the_stay_in_the_city_centre(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"hotel in Lisbon somewhere central from {Said(Ahead(40))} for 3 nights, 2 adults");
        Assert.NotEmpty(t.Hotels);
        Assert.True(t.Says("in the city centre"), t.ToString());
        Assert.All(t.Hotels, h =>
        {
            var hotel = h.GetProperty("hotel").GetProperty("hotel");
            var km = hotel.TryGetProperty("centreDistanceKm", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : hotel.GetProperty("distanceKm").GetDouble();
            Assert.InRange(km, 0, 2.5);
        });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Hotel_chips_offer_the_next_step_up_not_what_is_held(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"a hotel in Paris from {Said(Ahead(40))} for 5 nights, 2 adults, 4 star at least");
        Assert.NotEmpty(t.Hotels);
        Assert.DoesNotContain("4 stars or more", t.Chips);
        Assert.Contains("5 stars", t.Chips);
        var five = await me.SayAsync("5 stars");
        Assert.NotEmpty(five.Hotels);
        Assert.All(five.Hotels, h => Assert.Equal(5, h.GetProperty("hotel").GetProperty("hotel").GetProperty("stars").GetInt32()));
        Assert.DoesNotContain("5 stars", five.Chips);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Back_in_the_evening_picks_an_evening_flight_home(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(33);
        await me.SayAsync($"from Denver to Chicago on {Said(go)} in the morning, just me");
        var t = await me.SayAsync($"back on {Said(go.AddDays(1))} in the evening");
        AllFlights(t, c =>
        {
            Assert.Equal(go.AddDays(1), ReturnDay(c));
            var home = Segments(c, 1)[0].GetProperty("departure").GetDateTimeOffset();
            Assert.InRange(home.TimeOfDay, TimeSpan.FromHours(17), TimeSpan.FromHours(22));
            Assert.InRange(Segments(c, 0)[0].GetProperty("departure").GetDateTimeOffset().TimeOfDay, TimeSpan.FromHours(5), TimeSpan.FromHours(12));
        });
    }

    private static string OfferId(JsonElement card) => card.GetProperty("offerId").GetString()!;

    private static string? Picked(Turn t) => t.Reply.TryGetProperty("picked", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Picking_in_words_keeps_the_card_as_its_button_would(string store)
    {
        var me = await apps.StartAsync(store);
        var flights = await me.SayAsync($"one way from Seattle to Los Angeles on {Said(Ahead(20))}, just me");
        Assert.True(flights.Flights.Length >= 2, flights.ToString());
        var second = OfferId(flights.Flights[1]);

        var cheapestFlight = flights.Flights.OrderBy(Total).First();
        var lets = await me.SayAsync("lets do the cheapest one");
        Assert.Equal(OfferId(cheapestFlight), Picked(lets));
        string[] flightPicks = [.. new[] { OfferId(cheapestFlight), second }.Distinct().Order(StringComparer.Ordinal)];

        var pick = await me.SayAsync("I'll take the second one");
        Assert.Equal(second, Picked(pick));
        Assert.True(pick.Says("Picked the flight") && pick.Says("Review and book"), pick.ToString());
        var selections = (await me.SessionAsync()).GetProperty("selections").EnumerateArray().Select(x => x.GetProperty("offerId").GetString()).ToList();
        Assert.Equal(flightPicks, selections.Order(StringComparer.Ordinal));

        var book = await me.SayAsync("book it");
        Assert.True(book.Says("Review and book"), book.ToString());

        var hotels = await me.SayAsync("hotels there for 2 nights");
        Assert.True(hotels.Hotels.Length >= 2, hotels.ToString());
        var cheapest = hotels.Hotels.OrderBy(h => h.GetProperty("hotel").GetProperty("total").GetProperty("amount").GetDecimal()).First();
        var hotel = await me.SayAsync("ok book the cheapest hotel");
        Assert.Equal(OfferId(cheapest), Picked(hotel));
        Assert.True(hotel.Says("booking step"), hotel.ToString());
        Assert.Equal(flightPicks.Length + 1, (await me.SessionAsync()).GetProperty("selections").GetArrayLength());

        // Out of range: no pick, and the reply says what there is to pick from.
        var seventh = await me.SayAsync("option 7");
        Assert.Null(Picked(seventh));
        Assert.True(seventh.Says("I showed"), seventh.ToString());
        Assert.Equal(flightPicks.Length + 1, (await me.SessionAsync()).GetProperty("selections").GetArrayLength());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task First_class_after_results_is_a_cabin_not_a_pick(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"one way from Seattle to Los Angeles on {Said(Ahead(20))}, just me");
        var t = await me.SayAsync("first class please");
        Assert.Null(Picked(t));
        AllFlights(t, c => Assert.Equal("first", Cabin(c)));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_stay_after_overnight_flights_starts_the_day_they_land_unless_a_day_is_said(string store)
    {
        var me = await apps.StartAsync(store);
        var (go, back) = (Ahead(40), Ahead(47));
        var flights = await me.SayAsync($"from Chicago to Dublin on {Said(go)}, back on {Said(back)}, 2 adults");
        Assert.All(flights.Flights, c => Assert.True(DateOnly.FromDateTime(Segments(c, 0)[^1].GetProperty("arrival").GetDateTimeOffset().DateTime) > go, "an overnight flight"));
        var hotels = await me.SayAsync("ok what about hotels in Dublin");
        Assert.NotEmpty(hotels.Hotels);
        Assert.Equal(go.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hotels.Query("checkIn"));
        Assert.Equal(back.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hotels.Query("checkOut"));
        Assert.True(hotels.Says("so the stay starts then"), hotels.ToString());

        // A check-in day said is the day searched.
        var said = await me.SayAsync($"hotel in Dublin from {Said(go.AddDays(2))} for 3 nights");
        Assert.Equal(go.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), said.Query("checkIn"));

        // Flights that land the same day: the stay starts that day.
        var domestic = await apps.StartAsync(store);
        await domestic.SayAsync($"from Boston to Chicago on {Said(go)}, back on {Said(back)}, 2 adults");
        var chicago = await domestic.SayAsync("hotels there");
        Assert.Equal(go.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), chicago.Query("checkIn"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task By_train_says_trains_are_not_searched_and_a_friend_makes_two(string store)
    {
        var me = await apps.StartAsync(store);
        var train = await me.SayAsync("Paris to Amsterdam by train?");
        Assert.True(train.Says("can't search trains"), train.ToString());
        var t = await me.SayAsync($"ok flights then, {Said(Ahead(30))}, me and a friend");
        AllFlights(t, c => Assert.Equal(2, Travellers(c)));
        Assert.False(t.Says("trains"), t.ToString());

        var hotel = await apps.StartAsync(store);
        var station = await hotel.SayAsync($"a hotel near the train station in Milan from {Said(Ahead(30))} for 2 nights, 2 adults");
        Assert.False(station.Says("can't search trains"), station.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task First_class_while_looking_at_hotels_searches_flights_and_a_stay_length_keeps_them_one_way(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"one way from Seattle to Los Angeles on {Said(Ahead(20))}, just me");
        var hotels = await me.SayAsync("hotels there for 2 nights");
        Assert.NotEmpty(hotels.Hotels);
        var first = await me.SayAsync("first class please");
        Assert.Empty(first.Hotels);
        AllFlights(first, c => { Assert.Equal("first", Cabin(c)); Assert.Equal(1, Itineraries(c)); });
    }

    private static int Fares(JsonElement card, string type) =>
        card.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Where(p => p.GetProperty("type").GetString() == type).Sum(p => p.GetProperty("count").GetInt32());

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_family_of_five_is_asked_about_children_and_their_ages_keep_five_travellers(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"family of five from Chicago to Orlando on {Said(Ahead(60))} for a week");
        Assert.True(t.Says("priced all 5 as adults") && t.Says("ages"), t.ToString());
        AllFlights(t, c => Assert.Equal(5, Fares(c, "ADULT")));

        // Two children and a 12-year-old (the adult fare): still five travellers, not four.
        var kids = await me.SayAsync("the kids are 4, 7 and 12");
        Assert.True(kids.Says("3 adults and 2 children") && kids.Says("12 and over fly at the adult fare"), kids.ToString());
        AllFlights(kids, c => { Assert.Equal(3, Fares(c, "ADULT")); Assert.Equal(2, Fares(c, "CHILD")); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Kids_named_after_two_adults_travel_with_both(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"2 adults from Chicago to Orlando on {Said(Ahead(60))} for a week");
        var t = await me.SayAsync("the kids are 4 and 9");
        Assert.True(t.Says("2 adults and 2 children"), t.ToString());
        AllFlights(t, c => { Assert.Equal(2, Fares(c, "ADULT")); Assert.Equal(2, Fares(c, "CHILD")); });
    }

    [Fact]
    public async Task A_family_of_four_with_kids_aged_6_and_9_flies_two_children_and_stays_near_Disney()
    {
        var me = await apps.StartAsync("embedded");
        var t = await me.SayAsync($"family of four from Chicago to Orlando on {Said(Ahead(60))} for a week, kids are 6 and 9");
        Assert.True(t.Says("2 adults and 2 children"), t.ToString());
        // The children's fare is not the adults': the reply prices each, and the total.
        Assert.True(t.Says("an adult, ") && t.Says("a child, ") && t.Says("in total"), t.ToString());
        Assert.False(t.Says(" each,"), t.ToString());
        AllFlights(t, c =>
        {
            var children = c.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "CHILD");
            Assert.Equal(2, children.GetProperty("count").GetInt32());
            Assert.Equal(4, Travellers(c));
        });

        var hotels = await me.SayAsync("find us a hotel with a pool near Disney");
        Assert.NotEmpty(hotels.Hotels);
        Assert.Equal("Walt Disney World", hotels.Query("near"));
        Assert.True(hotels.Says("of Walt Disney World"), hotels.ToString());

        var todo = await me.SayAsync("what can we do there?");
        Assert.Contains(todo.Cards, c => c.GetProperty("kind").GetString() == "activity");
        Assert.True(todo.Says("Orlando"), todo.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_my_sister_is_coming_too_and_a_child_aged_6(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"me and my husband from Seattle to San Diego on {Said(Ahead(20))}");
        var sister = await me.SayAsync("my sister is coming too");
        Assert.True(sister.Says("Now 3 adults"), sister.ToString());
        AllFlights(sister, c => Assert.Equal(3, Travellers(c)));
        var child = await me.SayAsync("add a child aged 6");
        Assert.True(child.Says("3 adults and 1 child"), child.ToString());
        AllFlights(child, c => Assert.Equal(4, Travellers(c)));
        Assert.Equal("1", child.Query("children"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_whatever_airline_drops_the_airline_filter(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"Delta flights from Atlanta to Boston on {Said(Ahead(18))}, 1 adult");
        var t = await me.SayAsync("whatever airline");
        Assert.True(t.Says("Any airline now"), t.ToString());
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.False(state.TryGetProperty("airlines", out _));
        Assert.NotEmpty(t.Flights);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_no_budget_limit_brings_back_every_fare(string store)
    {
        var me = await apps.StartAsync(store);
        var first = await me.SayAsync($"2 of us from Boston to Lisbon on {Said(Ahead(60))} for a week, under $40 each");
        Assert.True(first.Says("over"), first.ToString());
        var t = await me.SayAsync("no budget limit");
        Assert.True(t.Says("No budget limit now"), t.ToString());
        Assert.Equal(3, t.Flights.Length);
        Assert.False((await me.SessionAsync()).GetProperty("state").TryGetProperty("maxPrice", out _));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_a_stop_is_fine_after_nonstop_only(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"nonstop flights from Boston to Lisbon on {Said(Ahead(45))}, just me");
        var t = await me.SayAsync("a stop is fine");
        Assert.True(t.Says("stops are fine"), t.ToString());
        Assert.Equal("false", t.Query("nonStop"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_the_time_doesnt_matter_after_a_morning_wish(string store)
    {
        var me = await apps.StartAsync(store);
        var morning = await me.SayAsync($"a morning flight from Denver to Chicago on {Said(Ahead(15))}, 1 adult");
        AllFlights(morning, c => Assert.InRange(DateTimeOffset.Parse(Segments(c, 0)[0].GetProperty("departure").GetString()!, CultureInfo.InvariantCulture).Hour, 5, 12));
        var t = await me.SayAsync("the time doesn't matter");
        Assert.True(t.Says("Any time of day"), t.ToString());
        Assert.False((await me.SessionAsync()).GetProperty("state").TryGetProperty("departTime", out _));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_business_instead_keeps_dates_and_party(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(33);
        await me.SayAsync($"London to New York on {Said(go)}, 2 adults");
        var t = await me.SayAsync("business instead");
        Assert.True(t.Says("Business class now"), t.ToString());
        AllFlights(t, c => { Assert.Equal("business", Cabin(c)); Assert.Equal(go, OutboundDay(c)); Assert.Equal(2, Travellers(c)); });
    }

    // ---- 2. never stuck -----------------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_a_party_size_while_asked_for_a_date_is_kept_and_the_date_asked_in_new_words(string store)
    {
        var me = await apps.StartAsync(store);
        var ask = await me.SayAsync("flights from Boston to Lisbon");
        Assert.Contains("?", ask.Text, StringComparison.Ordinal);
        var party = await me.SayAsync("2 adults");
        Assert.True(party.Says("Noted: 2 adults"), party.ToString());
        Assert.NotEqual(ask.Text, party.Text);
        var nonstop = await me.SayAsync("nonstop please");
        Assert.True(nonstop.Says("I searched for") && nonstop.Says("two weeks from today"), nonstop.ToString());
        AllFlights(nonstop, c => { Assert.Equal(Ahead(14), OutboundDay(c)); Assert.Equal(0, Stops(c)); Assert.Equal(2, Travellers(c)); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_passengers_default_to_one_adult_once_the_question_goes_unanswered_and_say_so(string store)
    {
        var me = await apps.StartAsync(store);
        var asked = await me.SayAsync($"Chicago to Miami on {Said(Ahead(22))}");
        Assert.Empty(asked.Cards);
        Assert.True(asked.Says("?"), asked.ToString());
        var next = await me.SayAsync("economy");
        Assert.True(next.Says("I searched for 1 adult") && next.Says("tell me if you are more"), next.ToString());
        AllFlights(next, c => Assert.Equal(1, Travellers(c)));
    }

    [Fact]
    public async Task A_hotel_asked_for_then_parking_gets_hotels_for_one_adult_then_things_to_do_in_the_city()
    {
        var me = await apps.StartAsync("embedded");
        await me.SayAsync("I need a hotel in San Francisco for 3 nights starting next Friday, something under $250");
        var parking = await me.SayAsync("any with free parking?");
        Assert.True(parking.Says("1 adult") && parking.Hotels.Length > 0, parking.ToString());
        var todo = await me.SayAsync("things to do there?");
        // Around the city, not the airport 20 km south of it.
        Assert.True(todo.Cards.Length > 0 && todo.Says("things to do in San Francisco"), todo.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_no_question_twice_in_a_row_with_the_same_words(string store)
    {
        var me = await apps.StartAsync(store);
        var asked = new List<string>();
        foreach (var said in new[] { "can you look up flights for me?", "2 adults", "nonstop", "economy", "cheapest" })
        {
            asked.Add((await me.SayAsync(said)).Text);
        }
        for (var i = 1; i < asked.Count; i++)
        {
            Assert.NotEqual(asked[i - 1], asked[i]);
        }
        Assert.Contains(asked, a => a.Contains("destination", StringComparison.OrdinalIgnoreCase) || a.Contains("heading", StringComparison.OrdinalIgnoreCase));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_a_hotel_without_check_out_takes_two_nights_and_says_so(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"a hotel in Rome from {Said(Ahead(28))}");
        await me.SayAsync("2 guests");
        var t = await me.SayAsync("4 stars");
        Assert.True(t.Says("I searched for 2 nights"), t.ToString());
        Assert.All(t.Hotels, h => Assert.Equal(Ahead(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.GetProperty("hotel").GetProperty("checkOut").GetString()));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_gibberish_while_asked_repeats_the_question_in_other_words(string store)
    {
        var me = await apps.StartAsync(store);
        var q = await me.SayAsync("I want to go to Tokyo");
        var again = await me.SayAsync("blorp zimble");
        Assert.True(again.Says("Sorry, I did not catch that"), again.ToString());
        Assert.NotEqual(q.Text, again.Text);
        Assert.Empty(again.Cards);
    }

    // ---- 3. budgets ------------------------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_each_compares_per_person_fares_and_states_both_prices(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"two of us from Chicago to Denver on {Said(Ahead(21))}, under $200 each");
        AllFlights(t, c => { Assert.True(PerPerson(c) <= 200, t.ToString()); Assert.Equal(2, Travellers(c)); });
        Assert.True(t.Says("each") && t.Says("in total"), t.ToString());
        Assert.Contains(t.Flights, c => Total(c) > 200); // the party's total may exceed $200: the budget was per person
        Assert.Equal("perPerson", t.Flights[0].GetProperty("price").GetProperty("budgetBasis").GetString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_for_both_compares_the_party_total(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"2 adults from Chicago to Denver on {Said(Ahead(21))}, $900 for both");
        AllFlights(t, c => Assert.True(Total(c) <= 900, t.ToString()));
        Assert.True(t.Says("in total"), t.ToString());
        Assert.Equal("total", t.Flights[0].GetProperty("price").GetProperty("budgetBasis").GetString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_per_night_for_a_stay(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"a hotel in Lisbon under $150 a night from {Said(Ahead(40))} for 3 nights, 2 adults");
        Assert.NotEmpty(t.Hotels);
        Assert.All(t.Hotels, h => Assert.True(h.GetProperty("hotel").GetProperty("nightly").GetProperty("amount").GetDecimal() <= 150));
        Assert.True(t.Says("a night") && t.Says("in total"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_stay_near_a_named_landmark_shows_hotels_within_walking_distance_of_it(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"a hotel in Paris near the Eiffel Tower from {Said(Ahead(40))} for 3 nights, 2 adults");
        Assert.NotEmpty(t.Hotels);
        Assert.All(t.Hotels, h => Assert.Contains(h.GetProperty("hotel").GetProperty("hotel").GetProperty("landmarks").EnumerateArray(),
            l => l.GetProperty("name").GetString() == "Eiffel Tower" && l.GetProperty("distanceKm").GetDouble() <= 2));
        Assert.False(t.Says("No hotel"), t.ToString());
    }

    [Fact]
    public async Task Four_friends_asking_for_a_hotel_are_priced_for_two_rooms_and_the_results_pane_searches_the_same()
    {
        var me = await apps.StartAsync("embedded");
        var month = Today.AddMonths(4).ToString("MMMM", CultureInfo.InvariantCulture);
        var t = await me.SayAsync($"4 of us need a hotel in paris from the 10th to the 14th of {month}");
        Assert.NotEmpty(t.Hotels);
        Assert.Equal("2", t.Query("rooms"));
        Assert.True(t.Says("a room a night (2 rooms)"), t.ToString());
        Assert.All(t.Hotels, card => Assert.Equal(2, card.GetProperty("hotel").GetProperty("rooms").GetInt32()));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_hotel_wish_after_flights_keeps_the_trip_from_landing_to_return_and_the_place_breakfast_and_price_asked_for_reach_the_stays_and_the_results_pane(string store)
    {
        var me = await apps.StartAsync(store);
        var month = Today.AddMonths(5).ToString("MMMM", CultureInfo.InvariantCulture);
        // Over the budget on purpose: the reply names the days it priced even though none fits.
        var flights = await me.SayAsync($"hey, me and my partner want to fly from chicago to rome sometime in {month}, about 10 days, nothing over 300 each");
        var go = DateOnly.Parse(flights.Query("departureDate"), CultureInfo.InvariantCulture);
        var back = DateOnly.Parse(flights.Query("returnDate"), CultureInfo.InvariantCulture);

        var t = await me.SayAsync("ok find us a hotel near the colosseum with breakfast, under 200 a night");
        Assert.NotEmpty(t.Hotels);
        Assert.False(t.Says("check in"), t.ToString());
        Assert.True(t.Says("of the Colosseum") && t.Says("with breakfast") && t.Says("under $200 a night"), t.ToString());
        // Chicago to Rome flies overnight: the stay starts the day the flights land, and ends on the day home.
        Assert.True(t.Says("so the stay starts then"), t.ToString());
        foreach (var card in t.Hotels)
        {
            var offer = card.GetProperty("hotel");
            Assert.Equal(go.AddDays(1), DateOnly.Parse(offer.GetProperty("checkIn").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(back, DateOnly.Parse(offer.GetProperty("checkOut").GetString()!, CultureInfo.InvariantCulture));
            // Within walking distance of the Colosseum (distances are from it), priced at a rate with breakfast, under the limit.
            Assert.InRange(offer.GetProperty("hotel").GetProperty("distanceKm").GetDouble(), 0, 2);
            Assert.Contains("breakfast", offer.GetProperty("board").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.True(offer.GetProperty("nightly").GetProperty("amount").GetDecimal() <= 200, t.ToString());
        }
        // The results pane beside the chat repeats the same search: near the place, with the same filters.
        Assert.Equal("ROM", t.Query("cityCode"));
        Assert.Equal("Colosseum", t.Query("near"));
        Assert.Equal("breakfast", t.Query("amenities"));
        Assert.Equal("200", t.Query("maxNightly"));

        var pool = await me.SayAsync("what about with a pool too");
        Assert.Equal("breakfast,pool", pool.Query("amenities"));
        Assert.All(pool.Hotels, h => Assert.Contains("pool", h.GetProperty("hotel").GetProperty("hotel").GetProperty("amenities").EnumerateArray().Select(a => a.GetString())));
        Assert.True(pool.Says("with breakfast and a pool"), pool.ToString());

        var relaxed = await me.SayAsync("forget the pool");
        Assert.Equal("breakfast", relaxed.Query("amenities"));
        Assert.True(relaxed.Says("Not only hotels with a pool now"), relaxed.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_family_over_spring_break_flies_for_a_week_in_the_middle_of_March(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("me, my wife and our 2 kids (5 and 8) from toronto to orlando over spring break");
        Assert.False(t.Says("When would you like to leave"), t.ToString());
        AllFlights(t, c =>
        {
            Assert.Equal(3, OutboundDay(c).Month);
            Assert.InRange(OutboundDay(c).Day, 6, 22);
            Assert.Equal(7, ReturnDay(c).DayNumber - OutboundDay(c).DayNumber);
            Assert.Equal(4, Travellers(c));
        });
        Assert.True(t.Says("spring break"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_wish_given_while_a_question_is_pending_is_noted_in_plain_words(string store)
    {
        var me = await apps.StartAsync(store);
        var asked = await me.SayAsync("a hotel in Orlando for 2 adults");
        Assert.True(asked.Says("?"), asked.ToString());
        var t = await me.SayAsync("one with a pool");
        Assert.Contains("Noted: with a pool.", t.Text, StringComparison.Ordinal);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_place_asked_for_in_one_city_is_not_carried_to_the_next(string store)
    {
        var me = await apps.StartAsync(store);
        var first = await me.SayAsync($"a hotel in Rome near the Colosseum from {Said(Ahead(50))} for 3 nights, 2 adults");
        Assert.Equal("Colosseum", first.Query("near"));
        var t = await me.SayAsync("what about a hotel in Lisbon instead");
        Assert.NotEmpty(t.Hotels);
        Assert.Equal("LIS", t.Query("cityCode"));
        Assert.False(t.Search!.Value.GetProperty("query").TryGetProperty("near", out _), t.ToString());
        Assert.False(t.Says("Colosseum"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_in_euros_searches_in_euros(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Paris to Rome on {Said(Ahead(26))}, just me, under 400 euros");
        AllFlights(t, c => Assert.Equal("EUR", c.GetProperty("flight").GetProperty("totalPrice").GetProperty("currency").GetString()));
        Assert.Equal("EUR", t.Query("currency"));
        Assert.Contains("€", t.Text, StringComparison.Ordinal);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task From_Manchester_prices_are_in_pounds_and_a_bare_budget_means_pounds(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Manchester to Rome on {Said(Ahead(26))}, just me, under 300");
        AllFlights(t, c =>
        {
            Assert.Equal("GBP", c.GetProperty("flight").GetProperty("totalPrice").GetProperty("currency").GetString());
            Assert.True(PerPerson(c) <= 300, t.ToString());
        });
        Assert.Equal("GBP", t.Query("currency"));
        Assert.Contains("£", t.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", t.Text, StringComparison.Ordinal);
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal("GBP", state.GetProperty("maxPrice").GetProperty("currency").GetString());

        // Leaving from Boston instead: the same "300" is now dollars, and so are the fares.
        var boston = await me.SayAsync("actually from Boston");
        AllFlights(boston, c => Assert.Equal("USD", c.GetProperty("flight").GetProperty("totalPrice").GetProperty("currency").GetString()));
        Assert.Equal("USD", (await me.SessionAsync()).GetProperty("state").GetProperty("maxPrice").GetProperty("currency").GetString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_budget_said_in_dollars_keeps_dollars_from_London(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"London to New York on {Said(Ahead(30))}, just me, under $900");
        AllFlights(t, c => Assert.Equal("USD", c.GetProperty("flight").GetProperty("totalPrice").GetProperty("currency").GetString()));
        Assert.Equal("USD", t.Query("currency"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_a_head_for_the_four_of_us(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"the four of us from Dallas to Orlando on {Said(Ahead(34))}, $450 a head");
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal("perPerson", state.GetProperty("maxPriceBasis").GetString());
        Assert.Equal(4, state.GetProperty("passengers").GetProperty("adults").GetInt32());
        Assert.All(t.Flights, c => Assert.Equal(4, Travellers(c)));
    }

    // ---- 4. empty results explained -----------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Empty_budget_shows_the_cheapest_over_it_with_the_gap(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Two of us from Boston to Lisbon on {Said(Ahead(100))} for a week, under $60 each");
        Assert.True(t.Says("under $60 each") && t.Says("the cheapest is") && t.Says("over"), t.ToString());
        var card = Assert.Single(t.Flights, c => c.GetProperty("price").TryGetProperty("overBudget", out _));
        Assert.Equal(PerPerson(card) - 60, card.GetProperty("price").GetProperty("overBudget").GetProperty("amount").GetDecimal());
        Assert.Contains("no budget limit", t.Chips);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Empty_nonstop_offers_one_stop_instead(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"nonstop from Boise to Dubrovnik on {Said(Ahead(50))}, 1 adult");
        Assert.True(t.Says("no nonstop flight"), t.ToString());
        AllFlights(t, c => Assert.True(Stops(c) >= 1));
        Assert.Contains("a stop is fine", t.Chips);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Empty_airline_names_the_airline_and_shows_another(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"flights on Qantas from Boston to Lisbon on {Said(Ahead(44))}, 1 adult");
        Assert.True(t.Says("Qantas") && t.Says("no flight"), t.ToString());
        Assert.Contains("whatever airline", t.Chips);
        Assert.NotEmpty(t.Flights);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Empty_hotel_budget_per_night_names_the_cheapest(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"a hotel in London under $5 a night from {Said(Ahead(31))} for 2 nights, 1 adult");
        Assert.True(t.Says("under $5 a night") && t.Says("over"), t.ToString());
        Assert.Single(t.Hotels);
        Assert.Contains("no budget limit", t.Chips);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Empty_time_window_names_the_window_and_the_closest(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Boise to Dubrovnik on {Said(Ahead(52))} leaving between 3 am and 4 am, 1 adult");
        Assert.True(t.Says("leaves between 3 am and 4 am") || t.Flights.Length > 0, t.ToString());
        if (t.Says("leaves between"))
        {
            Assert.Contains("the time doesn't matter", t.Chips);
        }
    }

    // ---- 5. flexible dates -----------------------------------------------------------------------

    private DateOnly NextMonthStart(int months) => new DateOnly(Today.Year, Today.Month, 1).AddMonths(months);

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_the_least_expensive_5_days_in_a_month(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(3);
        var name = month.ToString("MMMM", CultureInfo.InvariantCulture);
        var t = await me.SayAsync($"flights from New York to Paris, the least expensive 5 days in {name}, 2 adults");
        Assert.True(t.Says($"The cheapest 5 nights in {name}") && t.Says("price calendar"), t.ToString());
        AllFlights(t, c =>
        {
            Assert.Equal(month.Month, OutboundDay(c).Month);
            Assert.Equal(5, ReturnDay(c).DayNumber - OutboundDay(c).DayNumber);
        });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_three_nights_sometime_in_a_month(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(4);
        var t = await me.SayAsync($"3 nights sometime in {month:MMMM} from Boston to Chicago, just me");
        AllFlights(t, c => { Assert.Equal(month.Month, OutboundDay(c).Month); Assert.Equal(3, ReturnDay(c).DayNumber - OutboundDay(c).DayNumber); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_during_a_month_one_way_then_a_day_later_moves_the_chosen_date(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(2);
        var t = await me.SayAsync($"one way from Seattle to Vancouver during {month:MMMM}, 1 adult");
        Assert.True(t.Says("one way"), t.ToString());
        var day = OutboundDay(t.Flights[0]);
        Assert.Equal(month.Month, day.Month);
        var later = await me.SayAsync("a day later");
        AllFlights(later, c => Assert.Equal(day.AddDays(1), OutboundDay(c)));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_over_the_holidays_uses_a_holiday_window(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("over Easter from London to Rome, 2 adults");
        var easterish = t.Flights.Length > 0 || t.Says("too far ahead") || t.Says("Easter");
        Assert.True(easterish, t.ToString());
        if (t.Flights.Length > 0)
        {
            Assert.True(t.Says("Easter"), t.ToString());
            AllFlights(t, c => Assert.True(OutboundDay(c).Month is 3 or 4));
        }
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_a_month_for_a_stay_asks_how_many_nights(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(2);
        var q = await me.SayAsync($"plan a trip from Boston to Lisbon in {month:MMMM} for 2 adults");
        Assert.True(q.Says("nights") || q.Flights.Length > 0, q.ToString());
        var t = q.Flights.Length > 0 ? q : await me.SayAsync("4 nights");
        AllFlights(t, c => Assert.Equal(month.Month, OutboundDay(c).Month));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_next_month_searches_that_whole_month(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(1);
        var t = await me.SayAsync("flights from Boston to Chicago next month, 2 of us");
        Assert.True(t.Says($"cheapest day to fly in {month:MMMM}") && t.Says("price calendar"), t.ToString());
        AllFlights(t, c => Assert.Equal(month, new DateOnly(OutboundDay(c).Year, OutboundDay(c).Month, 1)));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_one_way_pick_then_the_for_a_week_chip_makes_a_round_trip(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(2);
        var t = await me.SayAsync($"flights from Boston to Chicago in {month:MMMM}, 2 of us");
        var day = OutboundDay(t.Flights[0]);
        Assert.Contains("for a week", t.Chips);
        var week = await me.SayAsync("for a week");
        AllFlights(week, c => { Assert.Equal(2, Itineraries(c)); Assert.Equal(day, OutboundDay(c)); Assert.Equal(day.AddDays(7), ReturnDay(c)); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_a_hotel_in_a_month_asks_for_a_day_of_it_and_offers_days_that_work(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(2);
        var q = await me.SayAsync($"a hotel in Rome for 3 nights in {month:MMMM}, 2 adults");
        Assert.True(q.Says($"in {month:MMMM}"), q.ToString());
        Assert.Empty(q.Cards);
        Assert.NotEmpty(q.Chips);
        Assert.DoesNotContain(q.Chips, c => c.Contains("month", StringComparison.OrdinalIgnoreCase));
        var t = await me.SayAsync(q.Chips[1]);
        Assert.NotEmpty(t.Hotels);
        var checkIn = DateOnly.Parse(t.Query("checkIn"), CultureInfo.InvariantCulture);
        Assert.Equal(month.Month, checkIn.Month);
        Assert.Equal(DayOfWeek.Friday, checkIn.DayOfWeek);
        Assert.Equal(checkIn.AddDays(3), DateOnly.Parse(t.Query("checkOut"), CultureInfo.InvariantCulture));
    }

    // ---- 6. open destinations ----------------------------------------------------------------------

    private const string NextJanuary = "January";

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_warm_and_cheap_in_January_from_Boston_then_pick_one(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"somewhere sunny and cheap in {NextJanuary} from Boston");
        Assert.InRange(t.Flights.Length, 2, 3);
        foreach (var c in t.Flights)
        {
            var d = c.GetProperty("destination");
            Assert.True(d.GetProperty("highC").GetDouble() >= 20 && d.GetProperty("dryDays").GetInt32() >= 15, t.ToString());
            Assert.Equal(1, d.GetProperty("month").GetInt32());
            Assert.Equal("BOS", Origin(c));
        }
        Assert.True(PerPerson(t.Flights[0]) <= PerPerson(t.Flights[^1]), "cheap: cheapest first");
        var pick = t.Chips[0];
        var next = await me.SayAsync(pick);
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal(pick, state.GetProperty("destination").GetProperty("name").GetString());
        var planned = next.Flights.Length > 0 ? next : await me.SayAsync("2 adults");
        AllFlights(planned, c => { Assert.Equal(1, OutboundDay(c).Month); Assert.Equal(2, Travellers(c)); });
        Assert.True(planned.Says(pick), planned.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_warm_not_too_pricey_then_a_hotel_there_then_a_child_before_any_adult(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"somewhere warm in {NextJanuary} from chicago, not too pricey");
        Assert.True(t.Flights.Length >= 2, t.ToString());
        Assert.True(t.Says("Cheapest first"), t.ToString());
        Assert.True(PerPerson(t.Flights[0]) <= PerPerson(t.Flights[^1]), "not too pricey: cheapest first");
        var pick = t.Chips[0];
        await me.SayAsync("ok the first one, for 5 nights");
        var hotel = await me.SayAsync("find me a hotel there near the beach");
        Assert.Equal(pick, (await me.SessionAsync()).GetProperty("state").GetProperty("destination").GetProperty("name").GetString());
        // A child said before any adult: the party cannot travel yet, so the assistant asks (never a server error).
        var child = await me.SayAsync("add a child aged 6");
        Assert.Empty(child.Hotels);
        Assert.True(child.Says("adult") || child.Says("people") || child.Says("who"), child.ToString());
        var dated = await me.SayAsync("2 adults");
        var shown = dated.Hotels.Length > 0 ? dated : await me.SayAsync("checking in on the 12th");
        Assert.True(shown.Hotels.Length > 0, $"{hotel}\n{child}\n{dated}\n{shown}");
        Assert.Equal("2", shown.Query("adults"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_a_beach_for_a_long_weekend_is_a_short_flight_and_three_nights(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("my wife and I want to get out of Denver for a long weekend in February, somewhere with a beach");
        Assert.NotEmpty(t.Flights);
        AllFlights(t, c => Assert.True(c.GetProperty("destination").GetProperty("flightHours").GetDouble() <= 6, t.ToString()));
        // A long weekend leaves at the end of the week, not on a Monday.
        AllFlights(t, c => Assert.Contains(OutboundDay(c).DayOfWeek, new[] { DayOfWeek.Thursday, DayOfWeek.Friday }));
        // Every place offered has a beach, and the reply names it: warm alone once offered Mexico City.
        AllFlights(t, c => Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(c.GetProperty("destination").GetProperty("city").GetString()!)} \([^)]*the beach at ", t.Text));
        Assert.DoesNotContain("Mexico City", t.Text, StringComparison.Ordinal);
        var picked = await me.SayAsync("the first one");
        Assert.NotEmpty(picked.Flights);
        AllFlights(picked, c =>
        {
            Assert.Equal(2, Itineraries(c));
            Assert.Equal(3, ReturnDay(c).DayNumber - OutboundDay(c).DayNumber);
            Assert.Contains(OutboundDay(c).DayOfWeek, new[] { DayOfWeek.Thursday, DayOfWeek.Friday });
            Assert.Equal(2, Travellers(c));
        });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_weekend_in_a_month_leaves_on_a_Friday_and_comes_back_on_Sunday_until_a_date_is_said(string store)
    {
        var me = await apps.StartAsync(store);
        var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3);
        var name = month.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture);
        var t = await me.SayAsync($"a weekend in Paris in {name} from London, just me");
        Assert.NotEmpty(t.Flights);
        AllFlights(t, c =>
        {
            Assert.Equal(DayOfWeek.Friday, OutboundDay(c).DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, ReturnDay(c).DayOfWeek);
            Assert.Equal(month.Month, OutboundDay(c).Month);
        });
        // A date said replaces the weekday rule: the traveller's own day is kept.
        var wednesday = Enumerable.Range(1, 7).Select(d => new DateOnly(month.Year, month.Month, d)).First(d => d.DayOfWeek == DayOfWeek.Wednesday);
        var moved = await me.SayAsync($"actually leave on {Said(wednesday)} for 4 nights");
        AllFlights(moved, c =>
        {
            Assert.Equal(wednesday, OutboundDay(c));
            Assert.Equal(4, ReturnDay(c).DayNumber - OutboundDay(c).DayNumber);
        });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task A_weekday_said_about_the_held_trip_is_the_one_nearest_it_and_a_hotel_area_miss_is_not_called_a_budget_miss(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(80);
        var t = await me.SayAsync($"Boston to Lisbon on {Said(go)} for 3 nights, 2 adults");
        Assert.NotEmpty(t.Flights);
        var friday = await me.SayAsync("what about flights that leave friday morning");
        AllFlights(friday, c =>
        {
            Assert.Equal(DayOfWeek.Friday, OutboundDay(c).DayOfWeek);
            Assert.InRange(OutboundDay(c).DayNumber - go.DayNumber, -3, 3);
        });
        // Lisbon's beaches are out of town, so no hotel stands by one; many are under the budget: the reply says so, not "over budget".
        var hotels = await me.SayAsync("any hotels near the beach there with a pool? max 250 a night");
        Assert.False(hotels.Says("over"), hotels.ToString());
        Assert.False(hotels.Says("beach there"), hotels.ToString());
        Assert.All(hotels.Hotels, h => Assert.True(h.GetProperty("price").GetProperty("nightly").GetProperty("amount").GetDecimal() <= 250, hotels.ToString()));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_a_ski_trip_in_Europe_in_February(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("a ski trip in Europe in February from New York");
        Assert.NotEmpty(t.Flights);
        foreach (var c in t.Flights)
        {
            var d = c.GetProperty("destination");
            Assert.True(d.GetProperty("snowDays").GetInt32() >= 3, t.ToString());
            Assert.Equal(2, d.GetProperty("month").GetInt32());
        }
        Assert.True(t.Says("Ski destinations in Europe"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_a_city_break_within_a_3_hour_flight_of_Paris(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync("a city break within a 3-hour flight of Paris");
        var t = await me.SayAsync("next month");
        Assert.NotEmpty(t.Flights);
        AllFlights(t, c =>
        {
            Assert.True(c.GetProperty("destination").GetProperty("flightHours").GetDouble() <= 3, t.ToString());
            Assert.StartsWith("PT", c.GetProperty("flight").GetProperty("itineraries")[0].GetProperty("duration").GetString()!, StringComparison.Ordinal);
        });
        Assert.True(t.Says("within 3 hours' flight"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_warm_in_Asia_then_the_second_one_continues_the_plan(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("somewhere warm in Asia in March from London, 2 adults");
        Assert.True(t.Flights.Length >= 2, t.ToString());
        var second = t.Chips[1];
        var next = await me.SayAsync("the second one");
        Assert.True(next.Says(second), next.ToString());
        AllFlights(next, c => Assert.Equal(2, Travellers(c)));
    }

    // ---- 7. multi-city ---------------------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task MultiCity_London_Tokyo_Bangkok_and_home(string store)
    {
        var me = await apps.StartAsync(store);
        var (a, b, c) = (Ahead(40), Ahead(47), Ahead(54));
        var t = await me.SayAsync($"London to Tokyo on {Said(a)}, then Bangkok on {Said(b)}, flying home from Bangkok on {Said(c)}, 2 adults");
        AllFlights(t, card =>
        {
            Assert.Equal(3, Itineraries(card));
            Assert.Equal(a, OutboundDay(card));
            Assert.Equal(b, DepartureDay(Segments(card, 1)[0]));
            Assert.Equal(c, DepartureDay(Segments(card, 2)[0]));
        });
        Assert.Contains("BKK-LON", t.Query("legs"), StringComparison.Ordinal);
        Assert.True(t.Says("multi-city"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task MultiCity_asks_the_dates_it_lacks(string store)
    {
        var me = await apps.StartAsync(store);
        var q = await me.SayAsync("New York to London, then Paris, then home from Paris");
        Assert.True(q.Says("New York to London") || q.Says("first flight"), q.ToString());
        await me.SayAsync(Said(Ahead(30)));
        var t = await me.SayAsync($"on {Said(Ahead(36))}");
        var u = t.Flights.Length > 0 ? t : await me.SayAsync("1 adult");
        var last = u.Flights.Length > 0 ? u : await me.SayAsync($"on {Said(Ahead(42))}");
        var final = last.Flights.Length > 0 ? last : await me.SayAsync("just me");
        AllFlights(final, card => Assert.Equal(3, Itineraries(card)));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task MultiCity_open_jaw_two_flights(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Boston to Rome on {Said(Ahead(50))}, then Madrid on {Said(Ahead(56))}, just me");
        AllFlights(t, card => { Assert.Equal(2, Itineraries(card)); Assert.Equal("MAD", Segments(card, 1)[^1].GetProperty("destination").GetString()); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task MultiCity_dates_then_nonstop_only_edit_is_applied(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"Chicago to Denver on {Said(Ahead(20))}, then Seattle on {Said(Ahead(23))}, then back home from Seattle on {Said(Ahead(27))}, 1 adult");
        var t = await me.SayAsync("business instead");
        AllFlights(t, card => { Assert.Equal(3, Itineraries(card)); Assert.Equal("business", Cabin(card)); });
    }

    // ---- 8. everyday language --------------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_City_ST_is_never_an_airline(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"I need a flight from Atlanta, GA to Seattle, WA on {Said(Ahead(17))}, 1 ticket");
        AllFlights(t, c => { Assert.Equal("SEA", Destination(c)); Assert.Equal("ATL", Origin(c)); });
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.False(state.TryGetProperty("airlines", out _));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_short_names_LA_Philly_Vegas_the_Big_Apple(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"LA to Philly on {Said(Ahead(19))}, just me");
        AllFlights(t, c => { Assert.Equal("LAX", Origin(c)); Assert.Equal("PHL", Destination(c)); });
        var other = await apps.StartAsync(store);
        var u = await other.SayAsync($"Vegas to the Big Apple on {Said(Ahead(23))} for one");
        AllFlights(u, c => Assert.Equal("LAS", Origin(c)));
        Assert.Equal("NYC", u.Query("destination"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_a_city_without_an_airport_uses_the_nearest_and_says_so(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"flights from Denver to Anaheim on {Said(Ahead(24))}, just me");
        Assert.True(t.Says("Anaheim has no airport of its own"), t.ToString());
        Assert.Equal("SNA", t.Query("destination"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_we_need_somewhere_to_stay_asks_the_city(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("we need somewhere to stay");
        Assert.True(t.Says("city"), t.ToString());
        Assert.Empty(t.Cards);
        var checkout = await me.SayAsync($"Lisboa, checking in {Said(Ahead(30))} and checking out {Said(Ahead(33))}, 2 adults");
        Assert.All(checkout.Hotels, h => Assert.Equal("LIS", h.GetProperty("hotel").GetProperty("hotel").GetProperty("cityCode").GetString()));
        Assert.NotEmpty(checkout.Hotels);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_can_you_look_up_flights_asks_where_to(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("can you look up flights for me?");
        Assert.True(t.Says("Where would you like to go"), t.ToString());
        var session = await me.SessionAsync();
        Assert.Contains(session.GetProperty("understood").EnumerateArray(), u => u.GetProperty("text").GetString() == "Looking for flights");
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_seats_tickets_and_the_four_of_us(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"3 tickets from San Francisco to Portland on {Said(Ahead(16))}");
        AllFlights(t, c => Assert.Equal(3, Travellers(c)));
        var other = await apps.StartAsync(store);
        var u = await other.SayAsync($"the four of us, Munchen to Lisbon on {Said(Ahead(29))}");
        AllFlights(u, c => Assert.Equal(4, Travellers(c)));
        Assert.Equal("MUC", u.Query("origin"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_typos_and_a_place_to_stay(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"a place to stay in Barcelna from {Said(Ahead(37))} to {Said(Ahead(40))} for 2");
        Assert.NotEmpty(t.Hotels);
        Assert.All(t.Hotels, h => Assert.Equal("BCN", h.GetProperty("hotel").GetProperty("hotel").GetProperty("cityCode").GetString()));
    }

    // ---- 9. questions and off-topic ----------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_the_weather_in_Lisbon_in_March_from_the_climate_normals(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("what's the weather like in Lisbon in March?");
        var card = Assert.Single(t.Cards);
        Assert.Equal("climate", card.GetProperty("kind").GetString());
        Assert.Equal(3, card.GetProperty("climate").GetProperty("month").GetInt32());
        Assert.True(t.Says("Lisbon in March") && t.Says("°C"), t.ToString());
        Assert.Null(t.Search);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_the_weather_after_a_search_never_replays_the_flights(string store)
    {
        var me = await apps.StartAsync(store);
        var flights = await me.SayAsync($"Boston to Miami on {Said(Ahead(27))}, 1 adult");
        Assert.NotEmpty(flights.Flights);
        var t = await me.SayAsync("how warm is Miami in February?");
        Assert.Empty(t.Flights);
        Assert.True(t.Says("Miami in February"), t.ToString());
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal("BOS", state.GetProperty("origin").GetProperty("code").GetString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_local_time_and_currency(string store)
    {
        var me = await apps.StartAsync(store);
        var time = await me.SayAsync("what time is it in Tokyo?");
        Assert.True(time.Says("Asia/Tokyo") && time.Says("UTC+09:00"), time.ToString());
        var money = await me.SayAsync("what currency do they use in Japan?");
        Assert.True(money.Says("JPY"), money.ToString());
        var euro = await me.SayAsync("which currency in Lisbon?");
        Assert.True(euro.Says("EUR"), euro.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_something_off_topic_gets_a_plain_answer(string store)
    {
        var me = await apps.StartAsync(store);
        var flights = await me.SayAsync($"Paris to Berlin on {Said(Ahead(12))}, 1 adult");
        Assert.NotEmpty(flights.Flights);
        var t = await me.SayAsync("who won the football last night?");
        Assert.True(t.Says("can't help with that here"), t.ToString());
        Assert.Empty(t.Cards);
    }

    // ---- 10. replies from the offers' own fields ---------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Reply_states_per_person_and_total_for_a_party(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"2 adults and a child from Boston to Orlando on {Said(Ahead(41))}");
        var best = t.Flights[0];
        // A child's fare differs from an adult's, so "each" would mislead: each fare is named.
        var child = best.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "CHILD")
            .GetProperty("perPerson").GetProperty("amount").GetDecimal();
        Assert.True(t.Says(Money(PerPerson(best)) + " an adult, " + Money(child) + " a child, " + Money(Total(best)) + " in total"), t.ToString());
        Assert.Equal(3, Travellers(best));

        var adults = await me.SayAsync("actually just the 2 adults");
        var pair = adults.Flights[0];
        Assert.True(adults.Says(Money(PerPerson(pair)) + " each, " + Money(Total(pair)) + " in total"), adults.ToString());
    }

    private static string Money(decimal amount) => "$" + (amount == decimal.Truncate(amount) ? amount.ToString("#,0", CultureInfo.InvariantCulture) : amount.ToString("#,0.00", CultureInfo.InvariantCulture));

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Reply_names_the_connecting_airports_and_next_day_arrivals(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"from Boise to Dubrovnik on {Said(Ahead(55))}, 1 adult");
        var best = t.Flights[0];
        var connections = Segments(best, 0).SkipLast(1).Select(s => s.GetProperty("destination").GetString()!);
        Assert.All(connections, code => Assert.Contains(code, t.Text, StringComparison.Ordinal));
        var first = Segments(best, 0)[0];
        var last = Segments(best, 0)[^1];
        var nextDay = DateOnly.FromDateTime(DateTimeOffset.Parse(last.GetProperty("arrival").GetString()!, CultureInfo.InvariantCulture).DateTime) > DepartureDay(first);
        Assert.Equal(nextDay, t.Says("(+1 day)") || t.Says("(+2 days)"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Reply_carries_the_search_it_ran_with_the_api_parameters(string store)
    {
        var me = await apps.StartAsync(store);
        var go = Ahead(38);
        var t = await me.SayAsync($"premium economy from Toronto to Vancouver on {Said(go)}, back {Said(go.AddDays(5))}, 2 adults and 1 infant");
        var search = t.Search!.Value;
        Assert.Equal("flights", search.GetProperty("kind").GetString());
        Assert.Equal("premium_economy", t.Query("cabin"));
        Assert.Equal(go.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Query("returnDate"));
        Assert.Equal("1", t.Query("infants"));
        // The same query on the flight search API lists exactly "total" offers.
        var query = string.Join("&", search.GetProperty("query").EnumerateObject().Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value.GetString()!)}"));
        var api = await me.Client.GetFromJsonAsync<JsonElement>($"/api/v1/flights/search?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(search.GetProperty("total").GetInt32(), api.GetProperty("count").GetInt32());
        // The stored message carries it too.
        var stored = (await me.SessionAsync()).GetProperty("messages").EnumerateArray().Last();
        Assert.Equal(search.GetRawText(), stored.GetProperty("search").GetRawText());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Reply_session_shows_what_was_understood(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"Two of us from Boston to Lisbon on {Said(Ahead(70))} for a week, nonstop, under $900 each");
        var understood = (await me.SessionAsync()).GetProperty("understood").EnumerateArray().ToDictionary(u => u.GetProperty("slot").GetString()!, u => u.GetProperty("text").GetString()!);
        Assert.Equal("From Boston (BOS)", understood["origin"]);
        Assert.Equal("To Lisbon (LIS)", understood["destination"]);
        Assert.Equal("2 adults", understood["passengers"]);
        Assert.Equal("Under $900 each", understood["maxPrice"]);
        Assert.Equal("Nonstop only", understood["nonStop"]);
    }

    // ---- more of each kind ------------------------------------------------------------------------

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Edit_cheapest_then_fastest_reorders_the_cards(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"Boston to Lisbon on {Said(Ahead(48))}, 1 adult");
        var fastest = await me.SayAsync("the fastest please");
        var hours = fastest.Flights.Select(c => c.GetProperty("flight").GetProperty("itineraries")[0].GetProperty("duration").GetString()).ToList();
        Assert.True(fastest.Says("The quickest"), fastest.ToString());
        var cheapest = await me.SayAsync("actually the cheapest");
        var prices = cheapest.Flights.Select(Total).ToList();
        Assert.Equal(prices.Order().ToList(), prices);
        Assert.NotEmpty(hours);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Stuck_never_the_destination_is_asked_again_in_other_words_with_ideas(string store)
    {
        var me = await apps.StartAsync(store);
        var first = await me.SayAsync("I need a flight");
        var second = await me.SayAsync("economy, just me");
        Assert.NotEqual(first.Text, second.Text);
        Assert.True(second.Says("Noted") && second.Chips.Length > 0, second.ToString());
        var third = await me.SayAsync("from Boston");
        Assert.NotEqual(second.Text, third.Text);
        var done = await me.SayAsync($"to Denver on {Said(Ahead(26))}");
        AllFlights(done, c => { Assert.Equal("BOS", Origin(c)); Assert.Equal(1, Travellers(c)); });
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Budget_pp_is_per_person(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"3 adults Chicago to Boston on {Said(Ahead(23))} max $600 pp");
        AllFlights(t, c => Assert.True(PerPerson(c) <= 600));
        Assert.True(t.Says("under $600 each"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Everyday_casual_names_Chi_town_and_KL(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync($"Chi-town to KL on {Said(Ahead(60))}, just me");
        Assert.Equal("CHI", t.Query("origin"));
        Assert.Equal("KUL", t.Query("destination"));
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_the_weather_somewhere_without_figures_says_so_honestly(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("what's the weather like in Boise in July?");
        Assert.True(t.Says("no climate figures for Boise"), t.ToString());
        Assert.Empty(t.Cards);
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Ask_the_weather_there_uses_the_destination_under_discussion(string store)
    {
        var me = await apps.StartAsync(store);
        await me.SayAsync($"Chicago to Rome on {Said(Ahead(64))}, 2 adults");
        var t = await me.SayAsync("what's the weather like there in May?");
        var card = Assert.Single(t.Cards);
        Assert.Equal("ROM", card.GetProperty("climate").GetProperty("code").GetString());
        Assert.True(t.Says("Rome in May"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task MultiCity_more_than_six_flights_is_said_not_dropped(string store)
    {
        var me = await apps.StartAsync(store);
        var d = Enumerable.Range(0, 8).Select(i => Said(Ahead(30 + 3 * i))).ToArray();
        var t = await me.SayAsync($"Boston to London on {d[0]}, then Paris on {d[1]}, then Rome on {d[2]}, then Madrid on {d[3]}, then Lisbon on {d[4]}, then Berlin on {d[5]}, then Vienna on {d[6]}, then Prague on {d[7]}, just me");
        Assert.True(t.Says("up to 6 flights") && t.Says("that was 8"), t.ToString());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Somewhere_with_snow_in_January_from_Chicago(string store)
    {
        var me = await apps.StartAsync(store);
        var t = await me.SayAsync("somewhere with snow in January from Chicago, 2 adults");
        AllFlights(t, c => Assert.True(c.GetProperty("destination").GetProperty("snowDays").GetInt32() >= 3));
        var state = (await me.SessionAsync()).GetProperty("state");
        Assert.Equal(t.Flights.Length, state.GetProperty("offered").GetArrayLength());
    }

    [Theory, InlineData("embedded"), InlineData("postgres")]
    public async Task Flexible_then_add_a_budget_keeps_the_chosen_dates(string store)
    {
        var me = await apps.StartAsync(store);
        var month = NextMonthStart(2);
        var t = await me.SayAsync($"the cheapest week in {month:MMMM} from Denver to Seattle for 2 adults");
        var day = OutboundDay(t.Flights[0]);
        var budget = await me.SayAsync("under $2000 in total");
        Assert.True(budget.Flights.Length > 0 || budget.Says("over"), budget.ToString());
        Assert.All(budget.Flights, c => Assert.Equal(day, OutboundDay(c)));
    }
}
