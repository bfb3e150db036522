namespace Pathavana.Trips;

internal static class TripsModule
{
    public static void AddTrips(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TripItemFactory>();
        builder.Services.AddScoped<ITripPlans, TripPlans>();
        builder.Services.AddScoped<ITripBookings, TripBookings>();
        builder.Services.AddScoped<ITripConfirmations, TripConfirmations>();
    }
}
