using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory;

/// <summary>POST /api/v1/flights/search: one to six legs, filters, and problems that name the field.</summary>
public sealed class MultiCitySearchTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    [Fact]
    public async Task Three_cities_in_one_search_come_back_as_offers_with_three_legs_in_order()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var response = await client.PostAsJsonAsync("/api/v1/flights/search", new
        {
            legs = new[]
            {
                new { origin = "NYC", destination = "LIS", date = "2027-03-12" },
                new { origin = "LIS", destination = "ROM", date = "2027-03-17" },
                new { origin = "ROM", destination = "NYC", date = "2027-03-22" },
            },
            adults = 2,
            infants = 1,
            currency = "EUR",
        }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var offers = body.GetProperty("offers").EnumerateArray().ToList();
        Assert.NotEmpty(offers);
        var prices = offers.Select(o => o.GetProperty("totalPrice").GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal(prices.Order(), prices);
        foreach (var offer in offers)
        {
            var legs = offer.GetProperty("itineraries").EnumerateArray().ToList();
            Assert.Equal(3, legs.Count);
            Assert.Equal("LIS", legs[0].GetProperty("segments").EnumerateArray().Last().GetProperty("destination").GetString());
            Assert.StartsWith("2027-03-17", legs[1].GetProperty("segments")[0].GetProperty("departure").GetString(), StringComparison.Ordinal);
            Assert.Contains(legs[2].GetProperty("segments").EnumerateArray().Last().GetProperty("destination").GetString(), new[] { "JFK", "EWR", "LGA" });
            Assert.Equal("EUR", offer.GetProperty("totalPrice").GetProperty("currency").GetString());
            Assert.Equal(["ADULT", "HELD_INFANT"], offer.GetProperty("priceBreakdown").EnumerateArray().Select(p => p.GetProperty("type").GetString()));
        }
    }

    [Fact]
    public async Task Airline_filters_and_a_price_ceiling_per_adult_apply_to_every_leg()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        object Body(object? extra) => new
        {
            legs = new[] { new { origin = "LON", destination = "ROM", date = "2027-02-10" }, new { origin = "ROM", destination = "LON", date = "2027-02-14" } },
            adults = 2,
            excludedAirlines = new[] { "FR", "U2" },
            maxPrice = extra,
        };

        var all = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/flights/search", Body(null), ct))).GetProperty("offers").EnumerateArray().ToList();
        var ceiling = all[all.Count / 2].GetProperty("priceBreakdown")[0].GetProperty("perPerson").GetProperty("amount").GetDecimal();
        var capped = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/flights/search", Body(ceiling), ct))).GetProperty("offers").EnumerateArray().ToList();

        Assert.NotEmpty(all);
        Assert.DoesNotContain(all.SelectMany(o => o.GetProperty("itineraries").EnumerateArray()).SelectMany(i => i.GetProperty("segments").EnumerateArray()),
            s => s.GetProperty("carrierCode").GetString() is "FR" or "U2");
        Assert.InRange(capped.Count, 1, all.Count - 1);
        Assert.All(capped, o => Assert.True(o.GetProperty("priceBreakdown")[0].GetProperty("perPerson").GetProperty("amount").GetDecimal() <= ceiling));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"},{"origin":"LIS","destination":"MAD","date":"2027-03-14"},{"origin":"MAD","destination":"BOS","date":"14/03/2027"}]}""", "legs[2].date" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"},{"origin":"Lisbon","destination":"MAD","date":"2027-03-14"}]}""", "legs[1].origin" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"},{"origin":"LIS","destination":"lis","date":"2027-03-14"}]}""", "legs[1].destination" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"},{"origin":"LIS","destination":"MAD","date":"2027-03-10"}]}""", "legs[1].date" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2026-11-01"}]}""", "legs[0].date" },
        { """{"legs":[{"origin":"BOS","destination":"LIS"}]}""", "legs[0].date" },
        { """{"legs":[]}""", "legs" },
        { """{}""", "legs" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"},{"origin":"LIS","destination":"MAD","date":"2027-03-13"},{"origin":"MAD","destination":"ROM","date":"2027-03-14"},{"origin":"ROM","destination":"PAR","date":"2027-03-15"},{"origin":"PAR","destination":"LON","date":"2027-03-16"},{"origin":"LON","destination":"DUB","date":"2027-03-17"},{"origin":"DUB","destination":"BOS","date":"2027-03-18"}]}""", "legs" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"adults":"two"}""", "adults" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"adults":2,"infants":3}""", "infants" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"cabin":"luxury"}""", "cabin" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"sort":"random"}""", "sort" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"includedAirlines":["TP","TAP"]}""", "includedAirlines[1]" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"maxPrice":-5}""", "maxPrice" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"maxResults":1000}""", "maxResults" },
        { """{"legs":[{"origin":"BOS","destination":"LIS","date":"2027-03-12"}],"nonStop":"yes"}""", "nonStop" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_bodies_answer_400_naming_the_field(string json, string field)
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/flights/search", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal([field], errors);
    }

    [Fact]
    public async Task The_fastest_sort_puts_the_shortest_journey_first_and_the_openapi_document_has_the_body()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var fastest = (await JsonAsync(await client.GetAsync("/api/v1/flights/search?origin=DEN&destination=LIS&departureDate=2027-02-17&sort=fastest", ct)))
            .GetProperty("offers").EnumerateArray().Select(o => System.Xml.XmlConvert.ToTimeSpan(o.GetProperty("itineraries")[0].GetProperty("duration").GetString()!)).ToList();
        Assert.True(fastest.Count > 2);
        Assert.Equal(fastest.Order(), fastest);

        var openApi = await client.GetStringAsync("/openapi/v1.json", ct);
        Assert.Contains("MultiCityFlightSearchRequest", openApi, StringComparison.Ordinal);
        Assert.Contains("FlightLegRequest", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compact_legs_query_a_conversation_reply_names_runs_the_same_search_as_the_body()
    {
        await using var embedded = PathavanaFactory.Embedded();
        await using var app = InventoryApiTests.WithClock(embedded);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var byQuery = await JsonAsync(await client.GetAsync("/api/v1/flights/search?legs=LON-TYO-2027-03-01,TYO-BKK-2027-03-08,BKK-LON-2027-03-15&adults=2&currency=GBP", ct));
        var byBody = await JsonAsync(await client.PostAsJsonAsync("/api/v1/flights/search", new
        {
            legs = new[]
            {
                new { origin = "LON", destination = "TYO", date = "2027-03-01" },
                new { origin = "TYO", destination = "BKK", date = "2027-03-08" },
                new { origin = "BKK", destination = "LON", date = "2027-03-15" },
            },
            adults = 2,
            currency = "GBP",
        }, ct));

        var queried = byQuery.GetProperty("offers").EnumerateArray().ToList();
        Assert.NotEmpty(queried);
        Assert.All(queried, o => Assert.Equal(3, o.GetProperty("itineraries").GetArrayLength()));
        Assert.Equal(byBody.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("totalPrice").GetProperty("amount").GetDecimal()).Take(10),
            queried.Select(o => o.GetProperty("totalPrice").GetProperty("amount").GetDecimal()).Take(10));

        var bad = await client.GetAsync("/api/v1/flights/search?legs=LON-TYO-2027-03-01,TYO-BKK-2027-03-08,BKK-LON-2027-02-30&adults=2", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await JsonAsync(bad)).GetProperty("errors").TryGetProperty("legs[2].date", out _));
        var shapeless = await client.GetAsync("/api/v1/flights/search?legs=LON-TYO-2027-03-01,TYOBKK&adults=1", ct);
        Assert.True((await JsonAsync(shapeless)).GetProperty("errors").TryGetProperty("legs[1]", out _));
        var both = await client.GetAsync("/api/v1/flights/search?legs=LON-TYO-2027-03-01&origin=LON&adults=1", ct);
        Assert.True((await JsonAsync(both)).GetProperty("errors").TryGetProperty("origin", out _));
    }
}
