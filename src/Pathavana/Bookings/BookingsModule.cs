using Pathavana.Bookings.Amadeus;
using Pathavana.Bookings.Duffel;
using Pathavana.Trips;

namespace Pathavana.Bookings;

internal static class BookingsModule
{
    public static void AddBookings(this WebApplicationBuilder builder)
    {
        // The simulator books simulated offers; each configured vendor adds its own provider, for the offers it made.
        builder.AddAmadeusBookings();
        builder.AddDuffelBookings();
        var services = builder.Services;
        services.AddSingleton<IBookingProvider, SimulatedBookingProvider>();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<BookingService>();
        services.AddScoped<IBookingStatuses, BookingStatuses>();
        services.AddScoped<IConfirmedBookings, ConfirmedBookings>();
    }
}
