using Pathavana.Inventory;

namespace Pathavana.Tests.Inventory;

/// <summary>The one set of search rules the API, the assistant and the LLM tools share, at their edges.</summary>
public sealed class SearchRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Dates_run_from_today_to_the_booking_horizon()
    {
        Assert.Null(SearchRules.TravelDate("departureDate", Today, Today));
        Assert.Null(SearchRules.TravelDate("departureDate", Today.AddDays(InventoryLimits.BookingHorizonDays), Today));
        Assert.Equal(SearchRule.DateInPast, SearchRules.TravelDate("departureDate", Today.AddDays(-1), Today)?.Rule);
        var far = SearchRules.TravelDate("departDate", Today.AddDays(InventoryLimits.BookingHorizonDays + 1), Today);
        Assert.Equal(SearchRule.DateBeyondHorizon, far?.Rule);
        Assert.Equal("departDate", far?.Field);
        Assert.Contains("2027-11-19", far?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_may_be_the_same_day_but_not_earlier()
    {
        Assert.Null(SearchRules.InOrder(Today, Today));
        var issue = SearchRules.InOrder(Today.AddDays(3), Today.AddDays(2), "departDate", "returnDate");
        Assert.Equal(("returnDate", SearchRule.DatesOutOfOrder), (issue?.Field, issue?.Rule));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(30, null)]
    [InlineData(0, SearchRule.StayTooShort)]
    [InlineData(31, SearchRule.StayTooLong)]
    public void A_stay_is_one_to_thirty_nights(int nights, SearchRule? broken)
    {
        Assert.Equal(broken, SearchRules.Stay(Today, Today.AddDays(nights))?.Rule);
        Assert.Equal(broken, SearchRules.Nights(nights)?.Rule);
    }

    [Theory]
    [InlineData(1, 0, 0, null, null)]
    [InlineData(9, 0, 9, null, null)]
    [InlineData(4, 5, 4, null, null)]
    [InlineData(0, 1, 0, "adults", SearchRule.NoAdult)]
    [InlineData(10, 0, 0, "adults", SearchRule.TooManySeated)]
    [InlineData(5, 5, 0, "children", SearchRule.TooManySeated)]
    [InlineData(2, 0, 3, "infants", SearchRule.InfantsOutnumberAdults)]
    [InlineData(1, -1, 0, "children", SearchRule.NegativeCount)]
    [InlineData(int.MaxValue, int.MaxValue, 0, "children", SearchRule.TooManySeated)]
    public void A_party_has_an_adult_at_most_nine_seats_and_a_lap_for_each_infant(int adults, int children, int infants, string? field, SearchRule? broken)
    {
        var issues = SearchRules.Passengers(new PassengerMix(adults, children, infants));

        Assert.Equal(broken is null ? [] : [(field, broken.Value)], issues.Select(i => ((string?)i.Field, i.Rule)).ToList());
    }

    [Fact]
    public void Child_ages_are_one_per_child_from_2_to_11()
    {
        Assert.Empty(SearchRules.Passengers(new PassengerMix(1, 2, ChildAges: [2, 11])));
        Assert.Equal(["childAges"], SearchRules.Passengers(new PassengerMix(1, 2, ChildAges: [5])).Select(i => i.Field));
        Assert.Equal(["childAges[1]"], SearchRules.Passengers(new PassengerMix(1, 2, ChildAges: [5, 12])).Select(i => i.Field));
    }

    [Theory]
    [InlineData(1, 1, null)]
    [InlineData(8, 2, null)]
    [InlineData(9, 2, "adults")]
    [InlineData(2, 3, "rooms")]
    [InlineData(10, 5, "adults")]
    [InlineData(0, 1, "adults")]
    public void Hotel_guests_fill_rooms_with_an_adult_each_and_at_most_four(int adults, int rooms, string? field)
    {
        Assert.Equal(field is null ? [] : [field], SearchRules.Guests(adults, rooms).Select(i => i.Field));
    }
}
