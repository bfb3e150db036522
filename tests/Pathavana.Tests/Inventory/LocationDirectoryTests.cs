using Pathavana.Inventory;

namespace Pathavana.Tests.Inventory;

public sealed class LocationDirectoryTests
{
    private static readonly LocationDirectory Directory = LocationDirectory.Shared;

    [Theory]
    [InlineData("JFK", "New York", "US", "America/New_York")]
    [InlineData("lis", "Lisbon", "PT", "Europe/Lisbon")]
    [InlineData("NRT", "Narita", "JP", "Asia/Tokyo")]
    [InlineData("HKG", "Hong Kong", "HK", "Asia/Hong_Kong")]
    [InlineData("SYD", "Sydney", "AU", "Australia/Sydney")]
    public void Finds_an_airport_by_code_with_city_country_and_time_zone(string code, string city, string country, string zone)
    {
        var airport = Directory.Find(code);

        Assert.NotNull(airport);
        Assert.Equal(LocationKind.Airport, airport.Kind);
        Assert.Equal(code.ToUpperInvariant(), airport.Code);
        Assert.Equal(city, airport.City);
        Assert.Equal(country, airport.CountryCode);
        Assert.Equal(zone, airport.TimeZone);
    }

    [Fact]
    public void Boston_Logan_has_its_real_coordinates()
    {
        var bos = Directory.Find("BOS")!;
        Assert.InRange(bos.Point.Latitude, 42.3, 42.4);
        Assert.InRange(bos.Point.Longitude, -71.1, -70.9);
    }

    [Theory]
    [InlineData("NYC", new[] { "JFK", "LGA", "EWR" })]
    [InlineData("LON", new[] { "LHR", "LGW", "STN", "LTN", "LCY", "SEN" })]
    [InlineData("TYO", new[] { "HND", "NRT" })]
    [InlineData("PAR", new[] { "CDG", "ORY", "BVA" })]
    public void A_metro_code_stands_for_its_airports(string metro, string[] members)
    {
        var location = Directory.Find(metro);
        Assert.NotNull(location);
        Assert.Equal(LocationKind.Metro, location.Kind);

        var airports = Directory.AirportsFor(metro).Select(a => a.Code).ToArray();
        Assert.Equal(members.Order(), airports.Order());
        Assert.All(Directory.AirportsFor(metro), a => Assert.Equal(metro, a.MetroCode));
    }

    [Fact]
    public void An_airport_code_stands_for_itself_and_an_unknown_code_for_nothing()
    {
        Assert.Equal(["LIS"], Directory.AirportsFor("LIS").Select(a => a.Code));
        Assert.Empty(Directory.AirportsFor("QQQ"));
        Assert.Null(Directory.Find("QQQ"));
        Assert.Null(Directory.Find(""));
    }

    [Theory]
    [InlineData("London", "LON")]
    [InlineData("paris", "PAR")]
    [InlineData("lisb", "LIS")]
    [InlineData("Lisboa", "LIS")]
    [InlineData("heathrow", "LHR")]
    [InlineData("Sao Paulo", "SAO")]
    [InlineData("São Paulo", "SAO")]
    [InlineData("Peking", "BJS")]
    [InlineData("bos", "BOS")]
    [InlineData("Zürich", "ZRH")]
    [InlineData("München", "MUC")]
    [InlineData("Istanbul", "IST")]
    [InlineData("hong kong", "HKG")]
    [InlineData("Mexico City", "MEX")]
    [InlineData("delhi", "DEL")]
    [InlineData("Florence", "FLR")]
    [InlineData("LA", "LAX")]
    public void Search_finds_the_obvious_place_first(string text, string expected)
    {
        var results = Directory.Search(text);

        Assert.NotEmpty(results);
        Assert.Equal(expected, results[0].Code);
    }

    [Fact]
    public void Searching_a_city_lists_the_metro_then_its_airports()
    {
        var codes = Directory.Search("Tokyo", 5).Select(l => l.Code).ToList();

        Assert.Equal("TYO", codes[0]);
        Assert.Contains("HND", codes);
        Assert.Contains("NRT", codes);
    }

    [Fact]
    public void Search_respects_the_limit_and_ignores_blank_text()
    {
        Assert.Equal(3, Directory.Search("san", 3).Count);
        Assert.Empty(Directory.Search("   "));
        Assert.Empty(Directory.Search("zzzzqx"));
    }

    [Fact]
    public void Every_time_zone_in_the_data_resolves_and_every_airport_has_a_country()
    {
        Assert.True(Directory.AllAirports.Count > 3000);
        Assert.All(Directory.AllAirports, a =>
        {
            Assert.Equal(a.Location.TimeZone, a.TimeZone.Id);
            Assert.Matches("^[A-Z]{2}$", a.Location.CountryCode);
            Assert.NotEqual("", a.Continent);
        });
        Assert.All(Directory.Metros, m => Assert.NotNull(LocationDirectory.TimeZone(m)));
    }

    [Theory]
    [InlineData("BA", "British Airways")]
    [InlineData("tp", "TAP Portugal")]
    [InlineData("UA", "United Airlines")]
    public void Knows_airline_names(string code, string name) => Assert.Equal(name, Directory.AirlineName(code));
}
