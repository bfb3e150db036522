using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Assistant;

/// <summary>Multi-turn conversations over HTTP against the offline understanding and the simulator.</summary>
public sealed partial class ChatDialogTests(TestServers servers)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [GeneratedRegex(@"\d+(?:[.:]\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"USD (\d+\.\d\d)")]
    private static partial Regex UsdPrice();

    /// <summary>Every number the reply states (prices, times, flight numbers, dates) is found in its cards.</summary>
    private static void AssertGrounded(JsonElement turn)
    {
        var text = turn.Text();
        var cards = turn.Cards();
        Assert.NotEmpty(cards);
        var cardJson = string.Join("\n", cards.Select(c => c.GetRawText()));
        foreach (Match number in Number().Matches(text))
        {
            var value = number.Value;
            var found = cardJson.Contains(value, StringComparison.Ordinal)
                || (decimal.TryParse(value, CultureInfo.InvariantCulture, out var amount) && cards.Any(c => Amounts(c).Contains(amount)));
            Assert.True(found, $"'{value}' in \"{text}\" is in none of the cards");
        }
        foreach (Match price in UsdPrice().Matches(text))
        {
            var amount = decimal.Parse(price.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Contains(cards, c => Amounts(c).Contains(amount));
        }
    }

    private static IEnumerable<decimal> Amounts(JsonElement card)
    {
        var stack = new Stack<JsonElement>([card]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "amount" && p.Value.ValueKind == JsonValueKind.Number)
                    {
                        yield return p.Value.GetDecimal();
                    }
                    stack.Push(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    stack.Push(x);
                }
            }
        }
    }

    private async Task<PathavanaFactory[]> TwoInstancesAsync(string store)
    {
        if (store == "embedded")
        {
            var first = PathavanaFactory.Embedded();
            return [first, PathavanaFactory.Embedded(dataDirectory: first.DataDirectory)];
        }
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Pathavana"] = await servers.Postgres.CreateMigratedDatabaseAsync(),
            ["Encryption:MasterKey"] = PathavanaFactory.TestMasterKey,
            ["Redis:Configuration"] = servers.Redis.Configuration,
            ["Redis:InstanceName"] = $"t{Guid.NewGuid():N}:",
        };
        return [PathavanaFactory.Embedded(settings), PathavanaFactory.Embedded(settings)];
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgres")]
    public async Task Five_turns_to_nonstop_Boston_Lisbon_offers_and_the_whole_conversation_survives_a_new_instance(string store)
    {
        var instances = await TwoInstancesAsync(store);
        await using var first = instances[0];
        await using var second = instances[1];
        var ana = await first.SignUpAsync();
        var session = await ana.Client.NewSessionAsync();

        var t1 = await ana.Client.SayAsync(session, "I want to go to Lisbon");
        Assert.Empty(t1.Cards());
        Assert.Contains("from", t1.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Lisbon", t1.Text(), StringComparison.Ordinal);

        var t2 = await ana.Client.SayAsync(session, "from Boston");
        Assert.Empty(t2.Cards());
        Assert.Contains("when", t2.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(t2.Suggestions());

        var t3 = await ana.Client.SayAsync(session, "next Friday, back Sunday");
        Assert.Empty(t3.Cards());
        Assert.Contains("How many", t3.Text(), StringComparison.Ordinal);
        Assert.Contains("1 adult", t3.Suggestions());
        Assert.Contains("2 adults", t3.Suggestions());

        var t4 = await ana.Client.SayAsync(session, "2 adults");
        AssertGrounded(t4);

        var t5 = await ana.Client.SayAsync(session, "nonstop only");
        AssertGrounded(t5);
        Assert.Equal("offline", t5.GetProperty("mode").GetString());
        Assert.False(t5.GetProperty("fallback").GetBoolean());
        Assert.Contains("nonstop", t5.Text(), StringComparison.Ordinal);

        var friday = ChatClient.NextWeeksFriday(Today);
        var sunday = friday.AddDays(2);
        foreach (var card in t5.Cards())
        {
            Assert.Equal("flight", card.GetProperty("kind").GetString());
            Assert.Equal(card.GetProperty("offerId").GetString(), card.GetProperty("flight").GetProperty("id").GetString());
            var outbound = card.Segments(0);
            var inbound = card.Segments(1);
            Assert.Single(outbound);
            Assert.Single(inbound);
            Assert.Equal("BOS", outbound[0].GetProperty("origin").GetString());
            Assert.Equal("LIS", outbound[0].GetProperty("destination").GetString());
            Assert.Equal(friday, outbound[0].DepartureDay());
            Assert.Equal("LIS", inbound[0].GetProperty("origin").GetString());
            Assert.Equal(sunday, inbound[0].DepartureDay());
            var adults = card.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32());
            Assert.Equal(2, adults);
        }

        // The same conversation read back, here and from another instance over the same database.
        var replica = await second.SignInAsync(ana.Email, ana.Password);
        foreach (var client in new[] { ana.Client, replica })
        {
            var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
            var messages = read.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(10, messages.Count);
            Assert.Equal(
                ["I want to go to Lisbon", "from Boston", "next Friday, back Sunday", "2 adults", "nonstop only"],
                messages.Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("text").GetString()));
            Assert.Equal(t5.Text(), messages[^1].GetProperty("text").GetString());
            Assert.Equal(t5.Cards().Select(c => c.GetProperty("offerId").GetString()),
                messages[^1].GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("offerId").GetString()));
            Assert.Equal("LIS", read.GetProperty("state").GetProperty("destination").GetProperty("code").GetString());
            Assert.True(read.GetProperty("state").GetProperty("nonStop").GetBoolean());
        }

        // The dialog goes on on the other instance: the slots came from the database.
        var t6 = await replica.SayAsync(session, "business instead");
        AssertGrounded(t6);
        Assert.All(t6.Cards(), c => Assert.Equal("business", c.GetProperty("flight").GetProperty("cabin").GetString()));
        Assert.All(t6.Cards(), c => Assert.Single(c.Segments(0)));
    }

    [Fact]
    public async Task Corrections_change_the_date_the_cabin_and_the_travellers()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();

        var first = await browser.SayAsync(session, "flights from Boston to Lisbon next Friday for 2 adults");
        AssertGrounded(first);
        var friday = ChatClient.NextWeeksFriday(Today);
        Assert.All(first.Cards(), c => Assert.Equal(friday, c.Segments(0)[0].DepartureDay()));

        var saturday = await browser.SayAsync(session, "actually make it Saturday");
        AssertGrounded(saturday);
        Assert.All(saturday.Cards(), c => Assert.Equal(friday.AddDays(1), c.Segments(0)[0].DepartureDay()));

        var business = await browser.SayAsync(session, "business instead");
        AssertGrounded(business);
        Assert.All(business.Cards(), c => Assert.Equal("business", c.GetProperty("flight").GetProperty("cabin").GetString()));
        Assert.All(business.Cards(), c => Assert.Equal(friday.AddDays(1), c.Segments(0)[0].DepartureDay()));

        var wife = await browser.SayAsync(session, "add my wife");
        AssertGrounded(wife);
        Assert.Contains("3 adults", wife.Text(), StringComparison.Ordinal);
        Assert.All(wife.Cards(), c => Assert.Equal(3,
            c.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32())));
        Assert.All(wife.Cards(), c => Assert.Equal("business", c.GetProperty("flight").GetProperty("cabin").GetString()));
    }

    [Fact]
    public async Task One_question_at_a_time_and_help_small_talk_and_booking_answer_without_losing_the_slots()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();

        var hello = await browser.SayAsync(session, "hello");
        Assert.Empty(hello.Cards());
        Assert.Contains("where", hello.Text(), StringComparison.OrdinalIgnoreCase);

        var hotels = await browser.SayAsync(session, "a hotel in Paris");
        Assert.Empty(hotels.Cards());
        Assert.Contains("check in", hotels.Text(), StringComparison.Ordinal);
        Assert.Single(Regex.Matches(hotels.Text(), @"\?"));

        var help = await browser.SayAsync(session, "help");
        Assert.Empty(help.Cards());
        Assert.Contains("nonstop", help.Text(), StringComparison.Ordinal);

        var checkIn = Today.AddDays(30);
        var dates = await browser.SayAsync(session, $"from {checkIn:yyyy-MM-dd} for 3 nights");
        Assert.Contains("How many guests", dates.Text(), StringComparison.Ordinal);

        var found = await browser.SayAsync(session, "2 adults");
        AssertGrounded(found);
        Assert.All(found.Cards(), c =>
        {
            Assert.Equal("hotel", c.GetProperty("kind").GetString());
            Assert.Equal("PAR", c.GetProperty("hotel").GetProperty("hotel").GetProperty("cityCode").GetString());
            Assert.Equal(checkIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.GetProperty("hotel").GetProperty("checkIn").GetString());
            Assert.Equal(checkIn.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.GetProperty("hotel").GetProperty("checkOut").GetString());
        });
        Assert.Contains(found.Cards()[0].GetProperty("hotel").GetProperty("hotel").GetProperty("name").GetString()!, found.Text(), StringComparison.Ordinal);

        var book = await browser.SayAsync(session, "book it");
        Assert.Empty(book.Cards());
        Assert.Contains("pick", book.Text(), StringComparison.OrdinalIgnoreCase);

        var things = await browser.SayAsync(session, "things to do in Rome");
        Assert.NotEmpty(things.Cards());
        Assert.All(things.Cards(), c => Assert.Contains(c.GetProperty("activity").GetProperty("name").GetString()!, things.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Picks_are_kept_on_the_session_and_become_a_trip_after_sign_in()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var depart = Today.AddDays(20);
        var flights = await browser.SayAsync(session, $"plan a trip from Boston to Lisbon {depart:yyyy-MM-dd} for 4 nights, 2 adults");
        AssertGrounded(flights);
        var flight = flights.Cards().First(c => c.GetProperty("kind").GetString() == "flight");
        var hotel = flights.Cards().First(c => c.GetProperty("kind").GetString() == "hotel");

        var bad = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/selections", new { offerId = "nope", kind = "flight" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var card in new[] { flight, hotel })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PickAsync(session, card)).StatusCode);
        }
        var shown = await browser.SayAsync(session, "show my trip");
        Assert.Equal(2, shown.Cards().Length);

        // Anonymous: no trip yet. Sign up in the same browser, claim, then make the trip.
        var anonymousTrip = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/trip", new { }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousTrip.StatusCode);
        await SignUpInAsync(browser);
        var claimed = await (await browser.PostAsync("/api/v1/chat/sessions/claim", null, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, claimed.GetProperty("claimed").GetInt32());

        var made = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/trip", new { title = "Lisbon" }, TestContext.Current.CancellationToken);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var tripId = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tripId").GetGuid();
        var trip = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{tripId}", TestContext.Current.CancellationToken);
        var items = trip.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).ToList();
        Assert.Contains(items, i => i.GetProperty("kind").GetString()!.Equals("flight", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(items, i => i.GetProperty("kind").GetString()!.Equals("hotel", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Lisbon", trip.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Food_tours_or_nightlife_show_that_kind_only_and_things_to_do_shows_everything()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var food = await browser.SayAsync(session, "any good food tours in Rome?");
        Assert.NotEmpty(food.Cards());
        Assert.All(food.Cards(), c => Assert.Equal("Food & Drink", c.GetProperty("activity").GetProperty("category").GetString()));
        Assert.Contains("things to do for food and drink in Rome", food.Text(), StringComparison.Ordinal);
        Assert.Equal("food", food.GetProperty("reply").GetProperty("search").GetProperty("query").GetProperty("interest").GetString());

        var night = await browser.SayAsync(session, "and the nightlife in Lisbon?");
        Assert.Equal("Lisbon night tour", Assert.Single(night.Cards()).GetProperty("activity").GetProperty("name").GetString());

        var all = await browser.SayAsync(session, "things to do in Rome");
        Assert.Contains(all.Cards(), c => c.GetProperty("activity").GetProperty("category").GetString() != "Food & Drink");
    }

    [Fact]
    public async Task A_planned_trip_checks_in_on_the_day_the_overnight_flight_lands()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var depart = Today.AddDays(30);
        var plan = await browser.SayAsync(session, $"plan a trip from Los Angeles to Sydney {depart:yyyy-MM-dd} for 10 nights, 2 adults");
        var lands = plan.Cards().First(c => c.GetProperty("kind").GetString() == "flight").LandingDay();
        Assert.True(lands > depart, $"Los Angeles to Sydney crosses the date line: it lands after {depart}, not on {lands}");
        var hotels = plan.Cards().Where(c => c.GetProperty("kind").GetString() == "hotel").ToList();
        Assert.NotEmpty(hotels);
        Assert.All(hotels, h => Assert.Equal(lands.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.GetProperty("hotel").GetProperty("checkIn").GetString()));
        Assert.Contains($"from {lands.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}, the day the flight lands", plan.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stay_asked_for_after_picking_an_overnight_flight_checks_in_when_it_lands()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var depart = Today.AddDays(30);
        var flights = await browser.SayAsync(session, $"just me, Los Angeles to Sydney on {depart:d MMMM}, back {depart.AddDays(10):d MMMM}");
        var flight = flights.Cards().First(c => c.GetProperty("kind").GetString() == "flight");
        var lands = flight.LandingDay();
        Assert.True(lands > depart);
        Assert.Equal(HttpStatusCode.OK, (await browser.PickAsync(session, flight)).StatusCode);

        var stay = await browser.SayAsync(session, "now a hotel there");
        var hotels = stay.Cards().Where(c => c.GetProperty("kind").GetString() == "hotel").ToList();
        Assert.NotEmpty(hotels);
        Assert.All(hotels, h => Assert.Equal(lands.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.GetProperty("hotel").GetProperty("checkIn").GetString()));
    }

    [Fact]
    public async Task A_card_from_an_earlier_search_cannot_be_picked_once_the_party_or_dates_changed()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var depart = Today.AddDays(40);
        var first = await browser.SayAsync(session, $"just me, London to Rome on {depart:d MMMM}, back {depart.AddDays(6):d MMMM}");
        var old = first.Cards().First(c => c.GetProperty("kind").GetString() == "flight");
        var later = depart.AddDays(10);
        var second = await browser.SayAsync(session, $"actually there are three of us, and make it {later:d MMMM} to {later.AddDays(6):d MMMM}");
        var fresh = second.Cards().First(c => c.GetProperty("kind").GetString() == "flight");
        Assert.Equal(3, fresh.GetProperty("flight").GetProperty("priceBreakdown").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()));

        var stale = await browser.PickAsync(session, old);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var why = (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("offerId")[0].GetString()!;
        Assert.Contains("priced for 1 traveller and the trip is now for 3", why, StringComparison.Ordinal);
        Assert.Contains($"leaves on {depart.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}", why, StringComparison.Ordinal);

        var ok = await browser.PickAsync(session, fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var kept = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("selections");
        Assert.Equal(fresh.GetProperty("offerId").GetString(), Assert.Single(kept.EnumerateArray()).GetProperty("offerId").GetString());
    }

    private static async Task SignUpInAsync(HttpClient browser)
    {
        var email = $"chat-{Guid.NewGuid():N}@example.com";
        var created = await browser.PostAsJsonAsync("/api/v1/account/register", new { email, password = TestUsers.StrongPassword });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var login = await browser.PostAsJsonAsync("/api/v1/account/login", new { email, password = TestUsers.StrongPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task Anonymous_sessions_belong_to_the_browser_cookie_until_claimed_and_are_404_to_everyone_else()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost/") });
        var created = await browser.PostAsJsonAsync("/api/v1/chat/sessions", new { title = "Spring" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var setCookie = Assert.Single(created.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pathavana.anon=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);

        // The token itself is never stored, only its hash.
        var token = cookie["pathavana.anon=".Length..];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pathavana.Platform.Data.PathavanaDbContext>();
            var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChatSessions, s => s.Id == session, TestContext.Current.CancellationToken);
            Assert.NotEqual(token, row.AnonymousTokenHash);
            Assert.Equal(64, row.AnonymousTokenHash!.Length);
            Assert.Null(row.OwnerId);
        }

        await browser.SayAsync(session, "flights to Tokyo");
        var renamed = await browser.PatchAsJsonAsync($"/api/v1/chat/sessions/{session}", new { title = "Tokyo" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var list = await browser.GetFromJsonAsync<JsonElement>("/api/v1/chat/sessions", TestContext.Current.CancellationToken);
        Assert.Equal("Tokyo", Assert.Single(list.EnumerateArray()).GetProperty("title").GetString());

        using var otherBrowser = app.CreateClient();
        await otherBrowser.NewSessionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = "hi" }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Single((await otherBrowser.GetFromJsonAsync<JsonElement>("/api/v1/chat/sessions", TestContext.Current.CancellationToken)).EnumerateArray());

        var ana = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Client.GetAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken)).StatusCode);

        // Signing in on the browser and claiming moves the session to the user, with its messages.
        await SignUpInAsync(browser);
        Assert.Empty((await browser.GetFromJsonAsync<JsonElement>("/api/v1/chat/sessions", TestContext.Current.CancellationToken)).EnumerateArray());
        var claim = await (await browser.PostAsync("/api/v1/chat/sessions/claim", null, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, claim.GetProperty("claimed").GetInt32());
        var mine = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
        Assert.Equal(2, mine.GetProperty("messages").GetArrayLength());
        Assert.Equal("TYO", mine.GetProperty("state").GetProperty("destination").GetProperty("code").GetString());

        // The cookie alone no longer opens it.
        using var cookieOnly = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("https://localhost/") });
        cookieOnly.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NotFound, (await cookieOnly.GetAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken)).StatusCode);

        var deleted = await browser.DeleteAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_stream_sends_text_deltas_then_cards_then_done_and_stores_the_same_reply()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var depart = Today.AddDays(25);
        var response = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages/stream",
            new { text = $"2 adults from Boston to Lisbon on {depart:yyyy-MM-dd}" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            var type = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = JsonDocument.Parse(string.Join("\n", lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]))).RootElement;
            return (Type: type, Data: data);
        }).ToList();

        var deltas = events.TakeWhile(e => e.Type == "delta").ToList();
        Assert.True(deltas.Count > 1, body);
        Assert.Equal(["cards", "done"], events.Skip(deltas.Count).Select(e => e.Type));
        var text = string.Concat(deltas.Select(d => d.Data.GetProperty("text").GetString()));
        var cards = events[deltas.Count].Data.GetProperty("cards");
        Assert.True(cards.GetArrayLength() > 0);
        var done = events[^1].Data;

        var stored = await browser.GetFromJsonAsync<JsonElement>($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken);
        var reply = stored.GetProperty("messages")[1];
        Assert.Equal(done.GetProperty("messageId").GetGuid(), reply.GetProperty("id").GetGuid());
        Assert.Equal("assistant", reply.GetProperty("role").GetString());
        Assert.Equal(text, reply.GetProperty("text").GetString());
        Assert.Equal(cards.EnumerateArray().Select(c => c.GetProperty("offerId").GetString()),
            reply.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("offerId").GetString()));
        Assert.Equal("offline", done.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task More_lap_infants_than_adults_are_asked_about_not_dropped()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var day = Today.AddDays(40);

        var asked = await browser.SayAsync(session, $"one way from Boston to Lisbon on {day:yyyy-MM-dd}, 1 adult and 2 infants");
        Assert.Empty(asked.Cards());
        Assert.Contains("no more infants than adults", asked.Text(), StringComparison.Ordinal);

        var found = await browser.SayAsync(session, "2 adults and 2 infants");
        Assert.NotEmpty(found.Cards());
        Assert.Equal("2", found.GetProperty("reply").GetProperty("search").GetProperty("query").GetProperty("infants").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_not_a_crash()
    {
        await using var app = PathavanaFactory.Embedded();
        using var browser = app.CreateClient();
        var session = await browser.NewSessionAsync();
        var empty = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = "  " }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        var tooLong = await browser.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = new string('a', 2001) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var gibberish = await browser.SayAsync(session, "qwzx plorf");
        Assert.Empty(gibberish.Cards());
        Assert.Contains("where", gibberish.Text(), StringComparison.OrdinalIgnoreCase);
        using var noCookie = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await noCookie.GetAsync($"/api/v1/chat/sessions/{session}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
