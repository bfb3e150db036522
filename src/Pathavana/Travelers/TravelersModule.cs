namespace Pathavana.Travelers;

internal static class TravelersModule
{
    public static void AddTravelers(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<ITravelerDirectory, TravelerDirectory>();
}
