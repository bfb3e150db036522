// Deliberately wrong references, one per rule, written the way a slip would be written: the tests
// run each rule on this assembly and expect it to name exactly these types (and not the right-way
// neighbours beside them). They live in namespaces under the modules they pretend to belong to, so
// the rules select them exactly as they select the app's own types. Nothing calls them.

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pathavana.Bookings;
using Pathavana.Trips;

namespace Pathavana.Inventory.WrongWay
{
    /// <summary>Inventory reaching up into Bookings: what the Amadeus order client did from Inventory/Amadeus.</summary>
    internal static class InventoryTypeThatBooks
    {
        public static string Describe(BookingTraveler traveler) => traveler.Surname;
    }

    /// <summary>Inventory reaching up into Trips, inside an async method (compiled into a nested state machine).</summary>
    internal static class InventoryTypeThatPlansTrips
    {
        public static async Task<int> CountAsync(IReadOnlyList<PlaceRequest> places)
        {
            await Task.Yield();
            return places.Count;
        }
    }

    /// <summary>The right way: Inventory using only Inventory (and Platform) types.</summary>
    internal static class InventoryTypeThatKeepsToItself
    {
        public static int Seats(PassengerMix mix) => mix.Adults;
    }
}

namespace Pathavana.Trips.WrongWay
{
    /// <summary>A service calling another module's endpoint class, as TripItemFactory called TripsApi.Snapshot.</summary>
    internal static class TripServiceThatCallsTheEndpointClass
    {
        public static void Wire(IEndpointRouteBuilder routes) => routes.MapTripsApi();
    }

    /// <summary>The right way: using the module's own non-endpoint classes.</summary>
    internal static class TripServiceThatUsesTheCalendar
    {
        public static string File(string title) => TripCalendar.FileName(title);
    }
}

namespace Pathavana.Bookings.WrongWay
{
    /// <summary>A service answering HTTP itself, as BookingService built problem details and status codes.</summary>
    internal static class BookingServiceThatAnswersHttp
    {
        public static IResult Refuse() => TypedResults.Conflict();
    }

    /// <summary>Another: a status code and a problem-details body in a service.</summary>
    internal static class BookingServiceThatBuildsProblems
    {
        public static Microsoft.AspNetCore.Mvc.ProblemDetails Gone() => new() { Status = StatusCodes.Status410Gone };
    }

    /// <summary>The right way: a domain outcome, for the endpoint class to map.</summary>
    internal static class BookingServiceThatSpeaksTheDomain
    {
        public static BookingStatus Outcome() => BookingStatus.Failed;
    }
}
