using Pathavana.Trips;

namespace Pathavana.Bookings;

internal static class BookingsModule
{
    public static void AddBookings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The simulator books simulated offers; configured vendors (Amadeus) add their own provider.
        services.AddSingleton<IBookingProvider, SimulatedBookingProvider>();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<BookingService>();
        services.AddScoped<IBookingStatuses, BookingStatuses>();
    }
}
