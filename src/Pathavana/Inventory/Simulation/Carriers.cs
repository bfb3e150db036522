namespace Pathavana.Inventory.Simulation;

/// <summary>A carrier the simulator schedules: where it is based and how far it flies.</summary>
/// <param name="LongHaul">Flies routes over 4,000 km.</param>
/// <param name="LowCost">Flies point to point within its own continent, not only from its hubs.</param>
internal sealed record Carrier(string Code, string Country, string[] Hubs, bool LongHaul = true, bool LowCost = false);

/// <summary>Major airlines and their real hubs: the network the simulated schedules are drawn on.</summary>
internal static class Carriers
{
    public static readonly Carrier[] All =
    [
        // North America
        new("AA", "US", ["DFW", "CLT", "ORD", "MIA", "PHL", "JFK", "LAX", "PHX"]),
        new("UA", "US", ["ORD", "EWR", "IAH", "DEN", "SFO", "IAD", "LAX"]),
        new("DL", "US", ["ATL", "DTW", "MSP", "JFK", "SLC", "SEA", "BOS", "LAX"]),
        new("B6", "US", ["JFK", "BOS", "FLL"]),
        new("WN", "US", ["DAL", "MDW", "BWI", "LAS", "DEN", "PHX", "HOU"], LongHaul: false, LowCost: true),
        new("AS", "US", ["SEA", "ANC", "PDX", "SFO"], LongHaul: false),
        new("AC", "CA", ["YYZ", "YUL", "YVR", "YYC"]),
        new("WS", "CA", ["YYC", "YYZ"], LongHaul: false, LowCost: true),
        new("AM", "MX", ["MEX", "GDL", "MTY"]),
        // Latin America
        new("LA", "CL", ["SCL", "GRU", "LIM"]),
        new("AV", "CO", ["BOG", "SAL"]),
        new("CM", "PA", ["PTY"]),
        new("AR", "AR", ["AEP", "EZE"]),
        new("AD", "BR", ["VCP", "CNF", "REC"], LongHaul: false),
        new("G3", "BR", ["GRU", "GIG", "BSB"], LongHaul: false, LowCost: true),
        // Europe
        new("BA", "GB", ["LHR", "LGW"]),
        new("VS", "GB", ["LHR", "MAN"]),
        new("AF", "FR", ["CDG", "ORY"]),
        new("KL", "NL", ["AMS"]),
        new("LH", "DE", ["FRA", "MUC"]),
        new("LX", "CH", ["ZRH", "GVA"]),
        new("OS", "AT", ["VIE"]),
        new("SN", "BE", ["BRU"]),
        new("IB", "ES", ["MAD", "BCN"]),
        new("UX", "ES", ["MAD", "PMI"]),
        new("TP", "PT", ["LIS", "OPO"]),
        new("AZ", "IT", ["FCO", "LIN"]),
        new("SK", "DK", ["CPH", "ARN", "OSL"]),
        new("AY", "FI", ["HEL"]),
        new("EI", "IE", ["DUB"]),
        new("LO", "PL", ["WAW"]),
        new("A3", "GR", ["ATH"], LongHaul: false),
        new("TK", "TR", ["IST", "SAW", "ESB"]),
        new("FI", "IS", ["KEF"]),
        new("FR", "IE", ["STN", "DUB", "BGY", "BCN", "CRL"], LongHaul: false, LowCost: true),
        new("U2", "GB", ["LGW", "LTN", "MXP", "GVA", "BER"], LongHaul: false, LowCost: true),
        new("W6", "HU", ["BUD", "OTP", "WAW"], LongHaul: false, LowCost: true),
        new("VY", "ES", ["BCN", "FCO"], LongHaul: false, LowCost: true),
        // Middle East and Africa
        new("EK", "AE", ["DXB"]),
        new("QR", "QA", ["DOH"]),
        new("EY", "AE", ["AUH"]),
        new("SV", "SA", ["JED", "RUH"]),
        new("MS", "EG", ["CAI"]),
        new("ET", "ET", ["ADD"]),
        new("KQ", "KE", ["NBO"]),
        new("SA", "ZA", ["JNB", "CPT"]),
        new("AT", "MA", ["CMN"]),
        new("RJ", "JO", ["AMM"]),
        // Asia and Oceania
        new("AI", "IN", ["DEL", "BOM"]),
        new("6E", "IN", ["DEL", "BOM", "BLR"], LongHaul: false, LowCost: true),
        new("SQ", "SG", ["SIN"]),
        new("CX", "HK", ["HKG"]),
        new("NH", "JP", ["HND", "NRT"]),
        new("JL", "JP", ["HND", "NRT"]),
        new("KE", "KR", ["ICN"]),
        new("OZ", "KR", ["ICN"]),
        new("CA", "CN", ["PEK", "CTU"]),
        new("MU", "CN", ["PVG", "SHA", "KMG"]),
        new("CZ", "CN", ["CAN", "PKX"]),
        new("TG", "TH", ["BKK"]),
        new("MH", "MY", ["KUL"]),
        new("AK", "MY", ["KUL", "BKI"], LongHaul: false, LowCost: true),
        new("GA", "ID", ["CGK", "DPS"]),
        new("PR", "PH", ["MNL"]),
        new("VN", "VN", ["SGN", "HAN"]),
        new("BR", "TW", ["TPE"]),
        new("QF", "AU", ["SYD", "MEL", "BNE", "PER"]),
        new("VA", "AU", ["BNE", "SYD", "MEL"], LongHaul: false),
        new("NZ", "NZ", ["AKL"]),
        new("FJ", "FJ", ["NAN"]),
    ];
}
