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

namespace Pathavana.Notifications.WrongWay
{
    /// <summary>Another module's table: as the booking confirmation reads Bookings' rows.</summary>
    internal static class NotifierThatReadsTheBookingsTable
    {
        public static Guid? Owner(Pathavana.Bookings.Booking booking) => booking.OwnerId;
    }

    /// <summary>Another module's engine in a sub-namespace: as the offline assistant used the simulator's geometry.</summary>
    internal static class NotifierThatUsesTheSimulatorsGeometry
    {
        public static double Km(Pathavana.Inventory.GeoPoint a, Pathavana.Inventory.GeoPoint b) => Pathavana.Inventory.Simulation.Geo.DistanceKm(a, b);
    }

    /// <summary>The right way: other modules' ports and records from their root namespaces.</summary>
    internal static class NotifierThatUsesContracts
    {
        public static Task<string?> AddressAsync(Pathavana.Accounts.IAccountDirectory accounts, Guid owner) => accounts.EmailOfAsync(owner, CancellationToken.None);

        public static double Km(Pathavana.Inventory.GeoPoint a, Pathavana.Inventory.GeoPoint b) => a.DistanceKm(b);
    }
}
