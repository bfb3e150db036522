using System.Collections.Frozen;

namespace Pathavana.Inventory.Simulation;

/// <summary>How fast an aircraft type cruises, for block times.</summary>
internal enum AircraftClass
{
    Turboprop,
    RegionalJet,
    NarrowBody,
    WideBody,
}

/// <summary>IATA aircraft type codes as the route data uses them: a name for travellers and a speed class.</summary>
internal static class Aircraft
{
    private static readonly FrozenDictionary<string, (string Name, AircraftClass Class)> Types = new Dictionary<string, (string, AircraftClass)>
    {
        ["318"] = ("Airbus A318", AircraftClass.NarrowBody), ["319"] = ("Airbus A319", AircraftClass.NarrowBody),
        ["320"] = ("Airbus A320", AircraftClass.NarrowBody), ["321"] = ("Airbus A321", AircraftClass.NarrowBody),
        ["32A"] = ("Airbus A320", AircraftClass.NarrowBody), ["32S"] = ("Airbus A320 family", AircraftClass.NarrowBody),
        ["32N"] = ("Airbus A320neo", AircraftClass.NarrowBody), ["32Q"] = ("Airbus A321neo", AircraftClass.NarrowBody),
        ["313"] = ("Airbus A310", AircraftClass.WideBody), ["310"] = ("Airbus A310", AircraftClass.WideBody),
        ["330"] = ("Airbus A330", AircraftClass.WideBody), ["332"] = ("Airbus A330-200", AircraftClass.WideBody),
        ["333"] = ("Airbus A330-300", AircraftClass.WideBody), ["339"] = ("Airbus A330-900neo", AircraftClass.WideBody),
        ["340"] = ("Airbus A340", AircraftClass.WideBody), ["342"] = ("Airbus A340-200", AircraftClass.WideBody),
        ["343"] = ("Airbus A340-300", AircraftClass.WideBody), ["345"] = ("Airbus A340-500", AircraftClass.WideBody),
        ["346"] = ("Airbus A340-600", AircraftClass.WideBody), ["359"] = ("Airbus A350-900", AircraftClass.WideBody),
        ["351"] = ("Airbus A350-1000", AircraftClass.WideBody), ["380"] = ("Airbus A380", AircraftClass.WideBody),
        ["388"] = ("Airbus A380", AircraftClass.WideBody), ["221"] = ("Airbus A220-100", AircraftClass.NarrowBody),
        ["223"] = ("Airbus A220-300", AircraftClass.NarrowBody),
        ["717"] = ("Boeing 717", AircraftClass.NarrowBody), ["732"] = ("Boeing 737-200", AircraftClass.NarrowBody),
        ["733"] = ("Boeing 737-300", AircraftClass.NarrowBody), ["734"] = ("Boeing 737-400", AircraftClass.NarrowBody),
        ["735"] = ("Boeing 737-500", AircraftClass.NarrowBody), ["736"] = ("Boeing 737-600", AircraftClass.NarrowBody),
        ["737"] = ("Boeing 737", AircraftClass.NarrowBody), ["738"] = ("Boeing 737-800", AircraftClass.NarrowBody),
        ["739"] = ("Boeing 737-900", AircraftClass.NarrowBody), ["73G"] = ("Boeing 737-700", AircraftClass.NarrowBody),
        ["73H"] = ("Boeing 737-800", AircraftClass.NarrowBody), ["73W"] = ("Boeing 737-700", AircraftClass.NarrowBody),
        ["73C"] = ("Boeing 737-300", AircraftClass.NarrowBody), ["73J"] = ("Boeing 737-900", AircraftClass.NarrowBody),
        ["73M"] = ("Boeing 737-200", AircraftClass.NarrowBody), ["73Q"] = ("Boeing 737-400", AircraftClass.NarrowBody),
        ["7M8"] = ("Boeing 737 MAX 8", AircraftClass.NarrowBody), ["7M9"] = ("Boeing 737 MAX 9", AircraftClass.NarrowBody),
        ["752"] = ("Boeing 757-200", AircraftClass.NarrowBody), ["753"] = ("Boeing 757-300", AircraftClass.NarrowBody),
        ["757"] = ("Boeing 757", AircraftClass.NarrowBody), ["75W"] = ("Boeing 757-200", AircraftClass.NarrowBody),
        ["762"] = ("Boeing 767-200", AircraftClass.WideBody), ["763"] = ("Boeing 767-300", AircraftClass.WideBody),
        ["764"] = ("Boeing 767-400", AircraftClass.WideBody), ["767"] = ("Boeing 767", AircraftClass.WideBody),
        ["76W"] = ("Boeing 767-300", AircraftClass.WideBody), ["744"] = ("Boeing 747-400", AircraftClass.WideBody),
        ["747"] = ("Boeing 747", AircraftClass.WideBody), ["74E"] = ("Boeing 747-400", AircraftClass.WideBody),
        ["748"] = ("Boeing 747-8", AircraftClass.WideBody), ["772"] = ("Boeing 777-200", AircraftClass.WideBody),
        ["773"] = ("Boeing 777-300", AircraftClass.WideBody), ["777"] = ("Boeing 777", AircraftClass.WideBody),
        ["77L"] = ("Boeing 777-200LR", AircraftClass.WideBody), ["77W"] = ("Boeing 777-300ER", AircraftClass.WideBody),
        ["787"] = ("Boeing 787 Dreamliner", AircraftClass.WideBody), ["788"] = ("Boeing 787-8 Dreamliner", AircraftClass.WideBody),
        ["789"] = ("Boeing 787-9 Dreamliner", AircraftClass.WideBody), ["781"] = ("Boeing 787-10 Dreamliner", AircraftClass.WideBody),
        ["M80"] = ("McDonnell Douglas MD-80", AircraftClass.NarrowBody), ["M82"] = ("McDonnell Douglas MD-82", AircraftClass.NarrowBody),
        ["M83"] = ("McDonnell Douglas MD-83", AircraftClass.NarrowBody), ["M88"] = ("McDonnell Douglas MD-88", AircraftClass.NarrowBody),
        ["M90"] = ("McDonnell Douglas MD-90", AircraftClass.NarrowBody), ["M11"] = ("McDonnell Douglas MD-11", AircraftClass.WideBody),
        ["CRJ"] = ("Bombardier CRJ", AircraftClass.RegionalJet), ["CR2"] = ("Bombardier CRJ200", AircraftClass.RegionalJet),
        ["CR7"] = ("Bombardier CRJ700", AircraftClass.RegionalJet), ["CR9"] = ("Bombardier CRJ900", AircraftClass.RegionalJet),
        ["CRK"] = ("Bombardier CRJ1000", AircraftClass.RegionalJet), ["CRA"] = ("Bombardier CRJ", AircraftClass.RegionalJet),
        ["E70"] = ("Embraer 170", AircraftClass.RegionalJet), ["E75"] = ("Embraer 175", AircraftClass.RegionalJet),
        ["E90"] = ("Embraer 190", AircraftClass.RegionalJet), ["E95"] = ("Embraer 195", AircraftClass.RegionalJet),
        ["E7W"] = ("Embraer 175", AircraftClass.RegionalJet), ["290"] = ("Embraer E190-E2", AircraftClass.RegionalJet),
        ["295"] = ("Embraer E195-E2", AircraftClass.RegionalJet), ["ERJ"] = ("Embraer ERJ", AircraftClass.RegionalJet),
        ["ER4"] = ("Embraer ERJ 145", AircraftClass.RegionalJet), ["ER3"] = ("Embraer ERJ 135", AircraftClass.RegionalJet),
        ["ERD"] = ("Embraer ERJ 140", AircraftClass.RegionalJet), ["EMJ"] = ("Embraer E-Jet", AircraftClass.RegionalJet),
        ["F70"] = ("Fokker 70", AircraftClass.RegionalJet), ["100"] = ("Fokker 100", AircraftClass.RegionalJet),
        ["146"] = ("BAe 146", AircraftClass.RegionalJet), ["AR1"] = ("Avro RJ100", AircraftClass.RegionalJet),
        ["AR8"] = ("Avro RJ85", AircraftClass.RegionalJet), ["SU9"] = ("Sukhoi Superjet 100", AircraftClass.RegionalJet),
        ["AT7"] = ("ATR 72", AircraftClass.Turboprop), ["AT5"] = ("ATR 42-500", AircraftClass.Turboprop),
        ["AT4"] = ("ATR 42", AircraftClass.Turboprop), ["ATR"] = ("ATR 42/72", AircraftClass.Turboprop),
        ["AT76"] = ("ATR 72-600", AircraftClass.Turboprop), ["DH4"] = ("De Havilland Dash 8-400", AircraftClass.Turboprop),
        ["DH8"] = ("De Havilland Dash 8", AircraftClass.Turboprop), ["DH3"] = ("De Havilland Dash 8-300", AircraftClass.Turboprop),
        ["DH1"] = ("De Havilland Dash 8-100", AircraftClass.Turboprop), ["DH2"] = ("De Havilland Dash 8-200", AircraftClass.Turboprop),
        ["DHT"] = ("De Havilland Twin Otter", AircraftClass.Turboprop), ["DHP"] = ("De Havilland Beaver", AircraftClass.Turboprop),
        ["SF3"] = ("Saab 340", AircraftClass.Turboprop), ["S20"] = ("Saab 2000", AircraftClass.Turboprop),
        ["F50"] = ("Fokker 50", AircraftClass.Turboprop), ["J31"] = ("BAe Jetstream 31", AircraftClass.Turboprop),
        ["J32"] = ("BAe Jetstream 32", AircraftClass.Turboprop), ["J41"] = ("BAe Jetstream 41", AircraftClass.Turboprop),
        ["BEH"] = ("Beechcraft 1900", AircraftClass.Turboprop), ["BE1"] = ("Beechcraft 1900", AircraftClass.Turboprop),
        ["BEC"] = ("Beechcraft", AircraftClass.Turboprop), ["D38"] = ("Dornier 328", AircraftClass.Turboprop),
        ["CNA"] = ("Cessna", AircraftClass.Turboprop), ["CNC"] = ("Cessna Caravan", AircraftClass.Turboprop),
        ["BNI"] = ("Britten-Norman Islander", AircraftClass.Turboprop), ["EM2"] = ("Embraer Brasília", AircraftClass.Turboprop),
        ["L4T"] = ("Let L-410", AircraftClass.Turboprop), ["AN4"] = ("Antonov An-24", AircraftClass.Turboprop),
        ["SWM"] = ("Fairchild Metro", AircraftClass.Turboprop), ["MA6"] = ("Xian MA60", AircraftClass.Turboprop),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The type a route without a listed aircraft is flown with, by its length.</summary>
    public static string ByDistance(double km) => km switch
    {
        < 500 => "AT7",
        < 1200 => "E90",
        < 4500 => "320",
        < 9000 => "789",
        _ => "359",
    };

    /// <summary>A traveller's name for a type code ("Boeing 777-300ER"), or the code itself when unknown.</summary>
    public static string Name(string code) => Types.TryGetValue(code, out var type) ? type.Name : code;

    public static AircraftClass ClassOf(string code, double km) =>
        Types.TryGetValue(code, out var type) ? type.Class : km < 4500 ? AircraftClass.NarrowBody : AircraftClass.WideBody;

    /// <summary>
    /// Gate to gate in whole five minutes: taxi out and in, climb and descent, cruise at the class's
    /// speed, with the prevailing westerlies (eastbound faster). A short hop flies slower on average.
    /// </summary>
    public static TimeSpan BlockTime(string code, double km, double deltaLongitude)
    {
        var cruise = ClassOf(code, km) switch
        {
            AircraftClass.Turboprop => 480.0,
            AircraftClass.RegionalJet => 720.0,
            AircraftClass.NarrowBody => 780.0,
            _ => 830.0,
        };
        // Below ~600 km a jet spends much of the flight climbing and descending.
        var speed = km < 600 ? cruise * (0.55 + (0.45 * km / 600)) : cruise;
        var wind = Math.Abs(deltaLongitude) < 5 ? 1.0 : deltaLongitude > 0 ? 0.95 : 1.07;
        var minutes = 40 + (km / speed * 60 * wind);
        return TimeSpan.FromMinutes(Math.Max(35, Math.Round(minutes / 5) * 5));
    }
}
