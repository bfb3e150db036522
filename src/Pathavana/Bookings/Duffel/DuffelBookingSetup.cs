using Pathavana.Inventory.Duffel;

namespace Pathavana.Bookings.Duffel;

/// <summary>
/// Registers Duffel as a booking provider (air orders, stays bookings), only when
/// <c>Duffel__AccessToken</c> is configured. The client, its order pipeline (no retry) and the offer
/// store are the inventory adapter's (<see cref="DuffelSetup.AddDuffel"/>, registered by the Inventory
/// module under the same condition): Bookings depends on Inventory, never the reverse.
/// </summary>
internal static class DuffelBookingSetup
{
    public static void AddDuffelBookings(this WebApplicationBuilder builder)
    {
        if (DuffelSetup.IsConfigured(builder.Configuration))
        {
            builder.Services.AddSingleton<IBookingProvider, DuffelBookingProvider>();
        }
    }
}
