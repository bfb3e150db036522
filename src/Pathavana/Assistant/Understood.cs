using System.Globalization;
using Pathavana.Assistant.Understanding;
using static Pathavana.Assistant.ReplyFormat;

namespace Pathavana.Assistant;

/// <summary>One constraint the assistant holds, for "what I understood": the slot (as in <c>state</c>) and the words for it.</summary>
internal sealed record UnderstoodItem(string Slot, string Text);

/// <summary>The dialog state as short lines a traveller can check ("From Boston (BOS)", "Under $900 each").</summary>
internal static class Understood
{
    public static IReadOnlyList<UnderstoodItem> Of(DialogState s)
    {
        var items = new List<UnderstoodItem>();
        void Add(string slot, string text) => items.Add(new UnderstoodItem(slot, text));
        if (s.Intent is { } intent)
        {
            Add("intent", intent switch
            {
                TripIntent.SearchHotels => "Looking for a place to stay",
                TripIntent.SearchActivities => "Looking for things to do",
                TripIntent.PlanTrip => "Planning a whole trip",
                _ => "Looking for flights",
            });
        }
        if (s.Origin is { } o)
        {
            Add("origin", $"From {o.Name} ({o.Code})");
        }
        if (s.Destination is { } d)
        {
            Add("destination", $"To {d.Name} ({d.Code})");
        }
        if (s.Somewhere is { } w)
        {
            var wants = new List<string>();
            if (w.Warm) { wants.Add("warm"); }
            if (w.Sunny) { wants.Add("sunny"); }
            if (w.Snow) { wants.Add("snow"); }
            if (w.Beach) { wants.Add("a beach"); }
            if (w.CityBreak) { wants.Add("a city break"); }
            if (w.Cheap) { wants.Add("cheap"); }
            if (w.Region is { } r) { wants.Add($"in {r}"); }
            if (w.MaxFlightHours is { } h) { wants.Add(string.Create(CultureInfo.InvariantCulture, $"within {h:0.#} hours' flight")); }
            Add("somewhere", "Somewhere " + (wants.Count == 0 ? "open" : List(wants)));
        }
        if (s.Legs is { Count: > 0 } legs)
        {
            Add("legs", "Multi-city: " + string.Join(", ", legs.Select(l => $"{l.Origin.Name} → {l.Destination.Name}{(l.Date is { } dt ? " " + Short(dt) : "")}")));
        }
        if (s.DepartDate is { } dep)
        {
            Add("departDate", (s.Intent == TripIntent.SearchHotels ? "Check in " : "Leaving ") + Day(dep));
        }
        if (s.ReturnDate is { } ret && s.TripType != TripType.OneWay)
        {
            Add("returnDate", (s.Intent == TripIntent.SearchHotels ? "Check out " : "Back ") + Day(ret));
        }
        else if (s.TripType == TripType.OneWay)
        {
            Add("tripType", "One way");
        }
        if (s.Window is { } win)
        {
            Add("window", $"Flexible: {win.Label} ({Short(win.From)} – {Short(win.To)})");
        }
        if (s.Nights is { } n && s.ReturnDate is null)
        {
            Add("nights", Plural(n, "night", "nights"));
        }
        if (s.Passengers is { } p)
        {
            Add("passengers", People(p));
        }
        if (s.Cabin is { } c)
        {
            Add("cabin", char.ToUpperInvariant(CabinName(c)[0]) + CabinName(c)[1..]);
        }
        if (s.NonStop == true)
        {
            Add("nonStop", "Nonstop only");
        }
        if (s.Airlines is { Count: > 0 } airlines)
        {
            Add("airlines", "Airlines: " + string.Join(", ", airlines));
        }
        if (s.DepartTime is { } t)
        {
            Add("departTime", $"Leaving between {t.From:HH:mm} and {t.To:HH:mm}");
        }
        if (s.ReturnTime is { } back && s.ReturnDate is not null)
        {
            Add("returnTime", $"Coming back between {back.From:HH:mm} and {back.To:HH:mm}");
        }
        if (s.MaxPrice is { } m)
        {
            Add("maxPrice", $"Under {Money(m)} {(s.MaxPriceBasis == BudgetBasis.PerPerson ? "each" : "in total")}");
        }
        if (s.MaxNightly is { } mn)
        {
            Add("maxNightly", $"Under {Money(mn)} a night");
        }
        if (s.MinStars is { } stars)
        {
            Add("minStars", $"{stars} stars or more");
        }
        if (s.Area is { } area)
        {
            Add("area", $"Near {area}");
        }
        foreach (var amenity in s.Amenities ?? [])
        {
            Add("amenities", AmenityWords(amenity));
        }
        if (s.Sort is { } sort)
        {
            Add("sort", sort == SortOrder.Duration ? "Quickest first" : "Cheapest first");
        }
        return items;
    }

    /// <summary>An amenity in words for the traveller: "With breakfast", "With a pool".</summary>
    public static string AmenityWords(string amenity) => amenity switch
    {
        Inventory.HotelAmenities.Breakfast => "With breakfast",
        Inventory.HotelAmenities.Pool => "With a pool",
        Inventory.HotelAmenities.Wifi => "With wifi",
        Inventory.HotelAmenities.Parking => "With parking",
        Inventory.HotelAmenities.Gym => "With a gym",
        Inventory.HotelAmenities.Spa => "With a spa",
        Inventory.HotelAmenities.Pets => "Pets welcome",
        _ => $"With {amenity}",
    };
}
