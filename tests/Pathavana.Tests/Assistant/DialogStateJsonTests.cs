using System.Text.Json;
using Pathavana.Assistant;
using Pathavana.Inventory;

namespace Pathavana.Tests.Assistant;

/// <summary>Chat sessions stored before keep reading: the state is one flat JSON object, whatever type holds its fields.</summary>
public sealed class DialogStateJsonTests
{
    /// <summary>A state as sessions stored it when the party was the assistant's own PassengerCount.</summary>
    private const string Stored = """
        {"intent":"planTrip","origin":{"code":"BOS","name":"Boston"},"destination":{"code":"LIS","name":"Lisbon"},
         "departDate":"2027-03-12","returnDate":"2027-03-19","departTime":{"from":"05:00","to":"12:00"},"tripType":"roundTrip",
         "cabin":"premiumEconomy","airlines":["TP"],"nonStop":true,"sort":"price","passengers":{"adults":2,"children":1,"infants":1},
         "maxPrice":{"amount":900,"currency":"USD"},"maxPriceBasis":"perPerson","minStars":4,"area":"Alfama",
         "maxNightly":{"amount":200,"currency":"EUR"},"amenities":["pool"],"nights":7,"departOn":["friday"],
         "interest":"food","tripIntent":"planTrip","asking":"passengers","asked":1,"selections":[]}
        """;

    [Fact]
    public void A_stored_state_reads_into_the_same_slots_and_writes_back_the_same_json()
    {
        var state = DialogState.Parse(Stored);

        Assert.Equal(("BOS", "LIS"), (state.Origin?.Code, state.Destination?.Code));
        Assert.Equal(new DateOnly(2027, 3, 12), state.DepartDate);
        Assert.Equal(new PassengerMix(2, 1, 1), state.Passengers);
        Assert.Null(state.Passengers!.ChildAges);
        Assert.Equal(4, state.MinStars);
        Assert.Equal("food", state.Interest);
        Assert.Equal("passengers", state.Asking);
        Assert.Equal(4, state.Travellers);

        using var before = JsonDocument.Parse(Stored);
        using var after = JsonDocument.Parse(state.ToJson());
        var written = after.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        var read = before.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        Assert.Equal(read.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        Assert.All(read, p => Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(p.Value)), written[p.Key]));
    }
}
