using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Inventory;
using Pathavana.Inventory.Simulation;

namespace Pathavana.Tests.Inventory;

public sealed class SimulatedFlightTests
{
    private static readonly LocationDirectory Directory = LocationDirectory.Shared;
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SimulatedFlightProvider Provider(DateTimeOffset? now = null) =>
        new(Directory, new FakeTimeProvider(now ?? Today));

    [Fact]
    public void The_same_query_gives_the_same_offers_on_a_new_instance()
    {
        var search = FlightSearch.RoundTrip("NYC", "LON", new DateOnly(2027, 2, 3), new DateOnly(2027, 2, 10), new PassengerMix(2, 1));

        var first = JsonSerializer.Serialize(Provider().Search(search));
        var second = JsonSerializer.Serialize(Provider().Search(search));

        Assert.Equal(first, second);
        Assert.NotEqual("[]", first);
    }

    [Fact]
    public void Boston_to_Lisbon_has_nonstop_and_connecting_offers_ordered_by_price_with_local_offsets()
    {
        var offers = Provider().Search(FlightSearch.OneWay("BOS", "LIS", new DateOnly(2026, 12, 28), new PassengerMix(2)));

        Assert.Contains(offers, o => o.Itineraries[0].Stops == 0);
        Assert.Contains(offers, o => o.Itineraries[0].Stops >= 1);
        Assert.Equal(offers.Select(o => o.TotalPrice.Amount).Order(), offers.Select(o => o.TotalPrice.Amount));
        Assert.All(offers, o =>
        {
            Assert.Equal("simulated", o.Source);
            var first = o.Itineraries[0].Segments[0];
            var last = o.Itineraries[0].Segments[^1];
            Assert.Equal("BOS", first.Origin);
            Assert.Equal("LIS", last.Destination);
            Assert.Equal(new DateOnly(2026, 12, 28), DateOnly.FromDateTime(first.Departure.DateTime));
            Assert.Equal(TimeSpan.FromHours(-5), first.Departure.Offset); // Boston in winter
            Assert.Equal(TimeSpan.Zero, last.Arrival.Offset);             // Lisbon in winter
        });
    }

    [Fact]
    public void Summer_times_carry_daylight_saving_offsets()
    {
        var offers = Provider().Search(FlightSearch.OneWay("BOS", "LIS", new DateOnly(2027, 7, 14), new PassengerMix(1)));

        Assert.NotEmpty(offers);
        Assert.All(offers, o =>
        {
            Assert.Equal(TimeSpan.FromHours(-4), o.Itineraries[0].Segments[0].Departure.Offset);
            Assert.Equal(TimeSpan.FromHours(1), o.Itineraries[0].Segments[^1].Arrival.Offset);
        });
    }

    public static TheoryData<string, string, string> Routes => new()
    {
        { "BOS", "LIS", "2027-03-14" },  // the US springs forward that night
        { "LIS", "BOS", "2027-03-27" },  // Europe springs forward the night after
        { "LHR", "JFK", "2027-10-31" },  // Europe falls back; the US a week later
        { "SYD", "LAX", "2027-04-04" },  // Sydney falls back
        { "NRT", "CDG", "2027-03-28" },
        { "DEL", "SFO", "2027-11-07" },  // the US falls back
        { "PVD", "SDF", "2027-01-15" },
        { "GIG", "KIX", "2027-05-01" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Every_segment_is_in_local_time_with_the_right_offset_and_lands_after_it_leaves(string origin, string destination, string date)
    {
        var offers = Provider().Search(FlightSearch.OneWay(origin, destination, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new PassengerMix(1)));

        Assert.NotEmpty(offers);
        foreach (var segment in offers.SelectMany(o => o.Itineraries).SelectMany(i => i.Segments))
        {
            var from = Directory.Airport(segment.Origin)!;
            var to = Directory.Airport(segment.Destination)!;
            Assert.Equal(from.TimeZone.GetUtcOffset(segment.Departure), segment.Departure.Offset);
            Assert.Equal(to.TimeZone.GetUtcOffset(segment.Arrival), segment.Arrival.Offset);
            Assert.True(segment.Arrival > segment.Departure, $"{segment.CarrierCode}{segment.FlightNumber} lands after it leaves");
            Assert.Equal(segment.Duration, segment.Arrival - segment.Departure);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Connections_are_at_the_same_airport_with_at_least_the_minimum_connection_time(string origin, string destination, string date)
    {
        var offers = Provider().Search(FlightSearch.OneWay(origin, destination, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new PassengerMix(1)));

        foreach (var itinerary in offers.SelectMany(o => o.Itineraries))
        {
            for (var i = 1; i < itinerary.Segments.Count; i++)
            {
                var inbound = itinerary.Segments[i - 1];
                var outbound = itinerary.Segments[i];
                Assert.Equal(inbound.Destination, outbound.Origin);
                var countries = new[] { inbound.Origin, inbound.Destination, outbound.Destination }
                    .Select(code => Directory.Find(code)!.CountryCode).Distinct().Count();
                var minimum = countries == 1 ? SimulatedFlightProvider.DomesticConnection : SimulatedFlightProvider.InternationalConnection;
                Assert.True(outbound.Departure - inbound.Arrival >= minimum,
                    $"{inbound.Destination}: {outbound.Departure - inbound.Arrival} is shorter than {minimum}");
            }
            Assert.Equal(itinerary.Segments[^1].Arrival - itinerary.Segments[0].Departure, itinerary.Duration);
        }
    }

    [Fact]
    public void Small_airports_far_apart_connect_twice_through_real_hubs()
    {
        var offers = Provider().Search(FlightSearch.OneWay("GIG", "KIX", new DateOnly(2027, 5, 1), new PassengerMix(1)));

        var twoStops = offers.SelectMany(o => o.Itineraries).Where(i => i.Stops == 2).ToList();
        Assert.NotEmpty(twoStops);
        Assert.All(twoStops.SelectMany(i => i.Segments.Skip(1).Select(s => (s, i))), p =>
            Assert.True(RouteNetwork.Shared.IsHub(p.s.CarrierCode, p.s.Origin) || RouteNetwork.Shared.IsHub(p.i.Segments[0].CarrierCode, p.s.Origin)));
    }

    [Fact]
    public void Fares_rise_with_the_cabin_for_the_same_flights()
    {
        var provider = Provider();
        var byCabin = Enum.GetValues<Cabin>().Select(cabin =>
            provider.Search(FlightSearch.OneWay("JFK", "LHR", new DateOnly(2027, 1, 20), new PassengerMix(1)) with { Cabin = cabin })
                .ToDictionary(Flights, o => o.TotalPrice.Amount)).ToList();

        var common = byCabin.Select(d => d.Keys.AsEnumerable()).Aggregate((a, b) => a.Intersect(b)).ToList();
        Assert.NotEmpty(common);
        foreach (var flights in common)
        {
            for (var i = 1; i < byCabin.Count; i++)
            {
                Assert.True(byCabin[i][flights] > byCabin[i - 1][flights], $"{(Cabin)i} costs more than {(Cabin)(i - 1)} on {flights}");
            }
        }
    }

    [Fact]
    public void Children_pay_three_quarters_and_lap_infants_a_tenth_of_the_adult_fare()
    {
        var offer = Provider().Search(FlightSearch.OneWay("BOS", "LIS", new DateOnly(2027, 1, 20), new PassengerMix(2, 1, 1)))[0];

        var adult = offer.PriceBreakdown.Single(p => p.Type == "ADULT");
        var child = offer.PriceBreakdown.Single(p => p.Type == "CHILD");
        var infant = offer.PriceBreakdown.Single(p => p.Type == "HELD_INFANT");
        Assert.Equal(2, adult.Count);
        Assert.InRange(child.PerPerson.Amount, (adult.PerPerson.Amount * 0.75m) - 0.01m, (adult.PerPerson.Amount * 0.75m) + 0.01m);
        Assert.InRange(infant.PerPerson.Amount, (adult.PerPerson.Amount * 0.10m) - 0.01m, (adult.PerPerson.Amount * 0.10m) + 0.01m);
        Assert.Equal((2 * adult.PerPerson.Amount) + child.PerPerson.Amount + infant.PerPerson.Amount, offer.TotalPrice.Amount);
    }

    [Fact]
    public void Booking_two_days_ahead_costs_more_than_two_months_ahead()
    {
        var search = FlightSearch.OneWay("BOS", "LIS", new DateOnly(2027, 1, 20), new PassengerMix(1));

        var early = Provider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)).Search(search);
        var late = Provider(new DateTimeOffset(2027, 1, 18, 9, 0, 0, TimeSpan.Zero)).Search(search);

        Assert.True(late[0].TotalPrice.Amount > early[0].TotalPrice.Amount * 1.3m);
    }

    [Fact]
    public void Longer_trips_cost_more()
    {
        var provider = Provider();
        var near = provider.Search(FlightSearch.OneWay("BOS", "JFK", new DateOnly(2027, 1, 20), new PassengerMix(1)))[0];
        var far = provider.Search(FlightSearch.OneWay("BOS", "NRT", new DateOnly(2027, 1, 20), new PassengerMix(1)))[0];

        Assert.True(far.TotalPrice.Amount > 3 * near.TotalPrice.Amount);
    }

    [Fact]
    public async Task Repricing_an_offer_rederives_it_from_its_id_at_the_same_price()
    {
        var provider = Provider();
        var offer = provider.Search(FlightSearch.RoundTrip("BOS", "LIS", new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 27), new PassengerMix(2, 1)) with { Currency = "EUR" })[3];

        var check = await provider.PriceAsync(offer, TestContext.Current.CancellationToken);

        Assert.True(check.Available);
        Assert.False(check.PriceChanged);
        Assert.Equal(JsonSerializer.Serialize(offer), JsonSerializer.Serialize(check.Offer));
        Assert.Null(provider.Rebuild(offer.Id[..^1] + (offer.Id[^1] == 'a' ? 'b' : 'a')));
    }

    [Fact]
    public void Round_trips_return_after_the_outbound_lands_and_multi_city_follows_the_legs()
    {
        var provider = Provider();
        var roundTrip = provider.Search(FlightSearch.RoundTrip("SFO", "SIN", new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 1), new PassengerMix(1)));
        var multiCity = provider.Search(new FlightSearch(
            [new FlightLeg("PAR", "ROM", new DateOnly(2027, 4, 2)), new FlightLeg("ROM", "ATH", new DateOnly(2027, 4, 6)), new FlightLeg("ATH", "LON", new DateOnly(2027, 4, 9))],
            new PassengerMix(2)));

        Assert.All(roundTrip, o =>
        {
            Assert.Equal(2, o.Itineraries.Count);
            Assert.True(o.Itineraries[1].Segments[0].Departure >= o.Itineraries[0].Segments[^1].Arrival.AddHours(2));
            Assert.Equal("SIN", o.Itineraries[1].Segments[0].Origin);
            Assert.Equal("SFO", o.Itineraries[1].Segments[^1].Destination);
        });
        Assert.NotEmpty(multiCity);
        Assert.All(multiCity, o =>
        {
            Assert.Equal(3, o.Itineraries.Count);
            Assert.Equal("ROM", Directory.Find(o.Itineraries[0].Segments[^1].Destination)!.MetroCode);
            Assert.Equal("ATH", o.Itineraries[1].Segments[^1].Destination);
            Assert.Equal("LON", Directory.Find(o.Itineraries[2].Segments[^1].Destination)!.MetroCode);
        });
    }

    [Fact]
    public void Filters_nonstop_airlines_and_price()
    {
        var provider = Provider();
        var baseSearch = FlightSearch.OneWay("BOS", "LIS", new DateOnly(2027, 1, 20), new PassengerMix(1));

        var nonStop = provider.Search(baseSearch with { NonStop = true });
        var onlyTap = provider.Search(baseSearch with { IncludedAirlines = ["TP"] });
        var noTap = provider.Search(baseSearch with { ExcludedAirlines = ["TP"] });
        var all = provider.Search(baseSearch);
        var cap = all[all.Count / 2].TotalPrice.Amount;
        var capped = provider.Search(baseSearch with { MaxPrice = cap });

        Assert.NotEmpty(nonStop);
        Assert.All(nonStop, o => Assert.Equal(0, o.Itineraries[0].Stops));
        Assert.NotEmpty(onlyTap);
        Assert.All(onlyTap.SelectMany(o => o.Itineraries[0].Segments), s => Assert.Equal("TP", s.CarrierCode));
        Assert.DoesNotContain(noTap.SelectMany(o => o.Itineraries[0].Segments), s => s.CarrierCode == "TP");
        Assert.All(capped, o => Assert.True(o.TotalPrice.Amount <= cap));
        Assert.True(capped.Count < all.Count);
    }

    private static string Flights(FlightOffer offer) =>
        string.Join(" ", offer.Itineraries.SelectMany(i => i.Segments).Select(s => $"{s.CarrierCode}{s.FlightNumber}@{s.Departure:O}"));
}
