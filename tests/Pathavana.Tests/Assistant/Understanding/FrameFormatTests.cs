using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pathavana.Assistant.Understanding;

namespace Pathavana.Tests.Assistant.Understanding;

/// <summary>The frame's JSON is the README's: camelCase names and values, nothing said means nothing written.</summary>
public sealed class FrameFormatTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void A_full_request_is_written_in_the_readme_shape()
    {
        var json = UnderstandingTableTests.Understanding
            .Parse("cheapest nonstop business class round trip from Boston to Denver via St. Louis on Monday morning on Delta, 2 adults and a child, under $900", Today)
            .ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("searchFlights", root.GetProperty("intent").GetString());
        Assert.Equal("BOS", root.GetProperty("origin").GetProperty("code").GetString());
        Assert.Equal("DEN", root.GetProperty("destination").GetProperty("code").GetString());
        Assert.Equal("STL", root.GetProperty("via")[0].GetProperty("code").GetString());
        Assert.Equal("2026-11-30", root.GetProperty("departDate").GetString());
        Assert.Equal("05:00", root.GetProperty("departTime").GetProperty("from").GetString());
        Assert.Equal("12:00", root.GetProperty("departTime").GetProperty("to").GetString());
        Assert.Equal("roundTrip", root.GetProperty("tripType").GetString());
        Assert.Equal("business", root.GetProperty("cabin").GetString());
        Assert.Equal("DL", root.GetProperty("airlines")[0].GetString());
        Assert.True(root.GetProperty("nonStop").GetBoolean());
        Assert.Equal("price", root.GetProperty("sort").GetString());
        Assert.Equal(2, root.GetProperty("passengers").GetProperty("adults").GetInt32());
        Assert.Equal(1, root.GetProperty("passengers").GetProperty("children").GetInt32());
        Assert.Equal(900, root.GetProperty("maxPrice").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", root.GetProperty("maxPrice").GetProperty("currency").GetString());
        Assert.False(root.TryGetProperty("returnDate", out _));
        Assert.False(root.TryGetProperty("stay", out _));
        Assert.False(root.TryGetProperty("act", out _));
    }

    [Fact]
    public void Premium_economy_and_a_hotel_stay_use_camel_case()
    {
        var flight = UnderstandingTableTests.Understanding.Parse("premium economy to Tokyo", Today).ToJson();
        var hotel = UnderstandingTableTests.Understanding.Parse("a 4-star hotel in Shinjuku, Tokyo from March 3 to March 6 under 200 euros a night", Today).ToJson();

        Assert.Contains("\"cabin\":\"premiumEconomy\"", flight, StringComparison.Ordinal);
        Assert.Contains("\"intent\":\"searchHotels\"", hotel, StringComparison.Ordinal);
        Assert.Contains("\"stay\":{\"checkIn\":\"2027-03-03\",\"checkOut\":\"2027-03-06\",\"minStars\":4,\"area\":\"Shinjuku\",\"maxNightly\":{\"amount\":200,\"currency\":\"EUR\"}}", hotel, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Nothing_said_is_an_empty_object(string utterance)
    {
        Assert.Equal("{}", UnderstandingTableTests.Understanding.Parse(utterance, Today).ToJson());
    }

    [Fact]
    public async Task The_command_writes_one_frame_per_line_in_order_and_an_empty_object_for_an_empty_line()
    {
        using var input = new StringReader("Boston to Denver\n\nhotel in Lisbon\n");
        using var output = new StringWriter();

        await Pathavana.Assistant.NluCommand.ParseLinesAsync(UnderstandingTableTests.Understanding, Today, input, output, TestContext.Current.CancellationToken);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"DEN\"", lines[0], StringComparison.Ordinal);
        Assert.Equal("{}", lines[1].TrimEnd('\r'));
        Assert.Contains("\"searchHotels\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_utterance_and_day_give_the_same_frame()
    {
        const string utterance = "two of us, Boston to Lisbon on the 12th of March for a week, under $900 each";
        var first = UnderstandingTableTests.Understanding.Parse(utterance, Today).ToJson();
        var second = new OfflineUnderstanding(Pathavana.Inventory.LocationDirectory.Shared).Parse(utterance, Today).ToJson();

        Assert.Equal(first, second);
    }
}

public sealed class UnderstandingServicesTests
{
    [Fact]
    public void The_understanding_is_one_instance_over_the_registered_location_directory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Pathavana.Inventory.ILocationDirectory>(Pathavana.Inventory.LocationDirectory.Shared);
        services.AddOfflineUnderstanding();
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<OfflineUnderstanding>();
        var second = provider.GetRequiredService<OfflineUnderstanding>();

        Assert.Same(first, second);
        Assert.Equal("LIS", first.Parse("fly to Lisbon", new DateOnly(2026, 11, 25)).Destination?.Code);
    }
}

public sealed class UnderstandingRobustnessTests
{
    private static readonly string[] Words =
    [
        "from", "to", "via", "between", "and", "the", "on", "in", "at", "for", "under", "max", "per", "night", "nights", "a", "week",
        "next", "this", "weekend", "friday", "march", "feb", "29th", "31st", "twenty", "ninth", "12/31", "31/31", "2027-02-30",
        "25:00", "0:99", "after", "before", "around", "5", "pm", "am", "o'clock", "noon", "$", "€", "£", "1.5k", "k", "100000000000000000000",
        "dollars", "yen", "canadian", "stars", "5-star", "family", "of", "kids", "me", "my", "wife", "add", "book", "it", "boston",
        "Lisbon", "NYC", "LA", "st.", "new", "yrok", "delta", "DL", "one", "way", "round", "trip", "nonstop", "direct", "cheapest",
        "business", "first", "class", "hotel", "near", "Shinjuku", "-", "/", "?", "!", "ü", "back", "returning", "until", "in", "3", "weeks",
    ];

    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("2026-12-31")]
    [InlineData("2028-02-29")]
    [InlineData("9999-12-30")]
    public void Word_salad_always_gives_a_frame_that_reads_back_as_json(string today)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(20261125);
        for (var n = 0; n < 3000; n++)
        {
            var utterance = string.Join(' ', Enumerable.Range(0, random.Next(0, 16)).Select(_ => Words[random.Next(Words.Length)]));

            var json = UnderstandingTableTests.Understanding.Parse(utterance, day).ToJson();

            using var doc = JsonDocument.Parse(json);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }
}

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("bostn", "boston", 1)]
    [InlineData("new yrok", "new york", 1)]
    [InlineData("philadelpia", "philadelphia", 1)]
    [InlineData("san fransisco", "san francisco", 1)]
    [InlineData("lisbon", "lisbon", 0)]
    [InlineData("pairs", "paris", 1)]
    public void Counts_typos_including_swapped_letters(string typed, string name, int expected)
    {
        Assert.Equal(expected, EditDistance.Compute(typed, name, 2));
    }

    [Fact]
    public void Stops_counting_past_the_limit()
    {
        Assert.Equal(3, EditDistance.Compute("paris", "dubai", 2));
    }
}
