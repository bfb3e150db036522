namespace Pathavana.Inventory.Simulation;

internal static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var lat1 = Radians(a.Latitude);
        var lat2 = Radians(b.Latitude);
        var dLat = lat2 - lat1;
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point at a distance and bearing (degrees clockwise from north) from a start.</summary>
    public static GeoPoint Offset(GeoPoint start, double distanceKm, double bearingDegrees)
    {
        var delta = distanceKm / EarthRadiusKm;
        var theta = Radians(bearingDegrees);
        var lat1 = Radians(start.Latitude);
        var lon1 = Radians(start.Longitude);
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(delta)) + (Math.Cos(lat1) * Math.Sin(delta) * Math.Cos(theta)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(theta) * Math.Sin(delta) * Math.Cos(lat1), Math.Cos(delta) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return new GeoPoint(Math.Round(Degrees(lat2), 6), Math.Round(((Degrees(lon2) + 540) % 360) - 180, 6));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
