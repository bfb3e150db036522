using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pathavana.Inventory;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Inventory.Vendors;

/// <summary>
/// A Duffel stand-in: a real HTTP server on 127.0.0.1 that keeps state (offer requests, offers,
/// orders, cancellations, stays bookings) and answers with Duffel's documented JSON — <c>data</c>
/// envelopes, <c>meta.after</c> pagination, <c>errors[]</c> with codes, <c>ratelimit-*</c> headers,
/// 401 for a wrong token, 400 for a missing <c>Duffel-Version</c>. Failures can be queued per path.
/// The test airline is "Duffel Airways" (ZZ), as in Duffel's test mode.
/// </summary>
internal sealed class DuffelFake : IAsyncDisposable
{
    public const string Token = "duffel_test_pathavana_fake_token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> offerRequests = new();
    private readonly ConcurrentDictionary<string, JsonObject> offers = new();
    private readonly ConcurrentDictionary<string, JsonObject> orders = new();
    private readonly ConcurrentDictionary<string, JsonObject> cancellations = new();
    private readonly ConcurrentDictionary<string, JsonObject> stayResults = new();
    private readonly ConcurrentDictionary<string, JsonObject> rates = new();
    private readonly ConcurrentDictionary<string, JsonObject> quotes = new();
    private readonly ConcurrentDictionary<string, JsonObject> bookings = new();
    private readonly ConcurrentQueue<(string Prefix, Func<HttpContext, Task<bool>> Answer)> failures = new();
    private int sequence;
    private int inFlight;
    private int maxInFlight;

    /// <summary>The most calls Duffel was answering at the same time.</summary>
    public int MaxConcurrentCalls => Volatile.Read(ref maxInFlight);

    /// <summary>Every offer request is answered this much later, to see how many run at once.</summary>
    public TimeSpan SearchDelay { get; set; }

    public sealed record Call(string Method, string Path, string? Query, string? Authorization, string? Version, JsonNode? Body);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Orders are answered this much later (the order is still made), for time-out tests.</summary>
    public TimeSpan OrderDelay { get; set; }

    public string Url { get; }

    private DuffelFake(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public static async Task<DuffelFake> StartAsync()
    {
        var url = $"http://127.0.0.1:{ExternalProcess.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new DuffelFake(app, url);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Settings that point the app at this fake in test mode.</summary>
    public Dictionary<string, string?> Settings(int orderTimeoutSeconds = 10) => new()
    {
        ["Duffel:AccessToken"] = Token,
        ["Duffel:BaseUrl"] = Url,
        ["Duffel:TimeoutSeconds"] = "10",
        ["Duffel:OrderTimeoutSeconds"] = orderTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Duffel:MaxRetryAfterWaitSeconds"] = "2",
    };

    public int Count(string method, string pathPrefix) => Calls.Count(c => c.Method == method && c.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>The next call to a path starting with <paramref name="prefix"/> answers this status and error code instead.</summary>
    public void FailNext(string prefix, int status, string code, string message, TimeSpan? retryAfter = null, string? field = null) =>
        failures.Enqueue((prefix, async context =>
        {
            if (retryAfter is { } wait)
            {
                context.Response.Headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["ratelimit-remaining"] = "0";
                context.Response.Headers["ratelimit-reset"] = DateTimeOffset.UtcNow.Add(wait).ToString("R", CultureInfo.InvariantCulture);
            }
            await ErrorAsync(context, status, code, message, field);
            return true;
        }));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private string NextId(string prefix) => $"{prefix}_0000{Interlocked.Increment(ref sequence):D4}Pathavana";

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen; seen = Volatile.Read(ref maxInFlight))
        {
        }
        try
        {
            await HandleCoreAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.TrimStart('/');
        JsonNode? body = null;
        if (request.ContentLength > 0 || request.Headers.ContentType.Count > 0)
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        Calls.Enqueue(new Call(request.Method, path, request.QueryString.Value, request.Headers.Authorization, request.Headers["Duffel-Version"], body));

        context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
        context.Response.Headers["ratelimit-limit"] = "120";
        context.Response.Headers["ratelimit-remaining"] = "119";
        context.Response.Headers["ratelimit-reset"] = DateTimeOffset.UtcNow.AddSeconds(60).ToString("R", CultureInfo.InvariantCulture);

        if (request.Headers.Authorization != "Bearer " + Token)
        {
            await ErrorAsync(context, 401, "unauthorized", "The access token used is not recognised by our system");
            return;
        }
        if (request.Headers["Duffel-Version"] != "v2")
        {
            await ErrorAsync(context, 400, "unsupported_version", "The Duffel-Version header is missing or not supported");
            return;
        }
        if (failures.TryPeek(out var failure) && path.StartsWith(failure.Prefix, StringComparison.Ordinal) && failures.TryDequeue(out failure))
        {
            await failure.Answer(context);
            return;
        }
        var data = body?["data"];
        var segments = path.Split('/');
        switch (request.Method, segments)
        {
            case ("POST", ["air", "offer_requests"]):
                if (SearchDelay > TimeSpan.Zero)
                {
                    await Task.Delay(SearchDelay);
                }
                await DataAsync(context, CreateOfferRequest(data!.AsObject()), 201);
                return;
            case ("GET", ["air", "offers"]):
                await ListOffersAsync(context);
                return;
            case ("GET", ["air", "offers", var id]):
                if (offers.TryGetValue(id, out var offer))
                {
                    await DataAsync(context, offer);
                }
                else
                {
                    await ErrorAsync(context, 404, "not_found", "The resource you are trying to access does not exist");
                }
                return;
            case ("POST", ["air", "orders"]):
                await CreateOrderAsync(context, data!.AsObject());
                return;
            case ("GET", ["air", "orders"]):
                await DataAsync(context, new JsonArray([.. orders.Values.Select(o => o.DeepClone())]), meta: new JsonObject { ["limit"] = 50, ["after"] = null, ["before"] = null });
                return;
            case ("POST", ["air", "order_cancellations"]):
                await CreateCancellationAsync(context, (string)data!["order_id"]!);
                return;
            case ("POST", ["air", "order_cancellations", var id, "actions", "confirm"]):
                var cancellation = cancellations[id];
                cancellation["confirmed_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                orders[(string)cancellation["order_id"]!]["cancelled_at"] = cancellation["confirmed_at"]!.DeepClone();
                await DataAsync(context, cancellation);
                return;
            case ("POST", ["stays", "search"]):
                await DataAsync(context, StaySearch(data!.AsObject()));
                return;
            case ("POST", ["stays", "search_results", var id, "actions", "fetch_all_rates"]):
                await DataAsync(context, stayResults[id]);
                return;
            case ("POST", ["stays", "quotes"]):
                await QuoteAsync(context, (string)data!["rate_id"]!);
                return;
            case ("POST", ["stays", "bookings"]):
                await BookStayAsync(context, data!.AsObject());
                return;
            case ("POST", ["stays", "bookings", var id, "actions", "cancel"]):
                bookings[id]["status"] = "cancelled";
                bookings[id]["cancelled_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                await DataAsync(context, bookings[id]);
                return;
            default:
                await ErrorAsync(context, 404, "not_found", "The resource you are trying to access does not exist");
                return;
        }
    }

    // ---- flights ----

    private JsonObject CreateOfferRequest(JsonObject data)
    {
        var passengers = new JsonArray();
        foreach (var p in (data["passengers"] as JsonArray)!.OfType<JsonObject>())
        {
            var age = (int?)p["age"];
            var type = (string?)p["type"] ?? (age < 2 ? "infant_without_seat" : age < 18 ? "child" : "adult");
            passengers.Add(new JsonObject { ["id"] = NextId("pas"), ["type"] = type, ["age"] = age });
        }
        var id = NextId("orq");
        var slices = (data["slices"] as JsonArray)!.OfType<JsonObject>().ToList();
        var cabin = (string?)data["cabin_class"] ?? "economy";
        var request = new JsonObject { ["id"] = id, ["live_mode"] = false, ["passengers"] = passengers.DeepClone(), ["slices"] = new JsonArray([.. slices.Select(s => s.DeepClone())]), ["cabin_class"] = cabin, ["offers"] = new JsonArray() };
        var nonstopOnly = (int?)data["max_connections"] == 0;
        // Six offers from the test airline: two departure times, nonstop and via Duffel's test hub.
        var made = new List<JsonObject>();
        for (var i = 0; i < 6; i++)
        {
            var connecting = i % 2 == 1;
            if (connecting && nonstopOnly)
            {
                continue;
            }
            var price = (100m + (i * 35m)) * passengers.Count;
            var offer = new JsonObject
            {
                ["id"] = NextId("off"),
                ["live_mode"] = false,
                ["total_amount"] = price.ToString("0.00", CultureInfo.InvariantCulture),
                ["total_currency"] = "GBP",
                ["base_amount"] = (price * 0.8m).ToString("0.00", CultureInfo.InvariantCulture),
                ["tax_amount"] = (price * 0.2m).ToString("0.00", CultureInfo.InvariantCulture),
                ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O", CultureInfo.InvariantCulture),
                ["owner"] = new JsonObject { ["iata_code"] = "ZZ", ["name"] = "Duffel Airways" },
                ["passengers"] = passengers.DeepClone(),
                ["slices"] = new JsonArray([.. slices.Select(s => (JsonNode)Slice(s, 7 + (i * 2), connecting, passengers, cabin))]),
                ["payment_requirements"] = new JsonObject { ["requires_instant_payment"] = false },
                ["conditions"] = new JsonObject { ["refund_before_departure"] = new JsonObject { ["allowed"] = true, ["penalty_amount"] = "25.00", ["penalty_currency"] = "GBP" } },
            };
            offers[(string)offer["id"]!] = offer;
            made.Add(offer);
        }
        request["offers_made"] = new JsonArray([.. made.Select(o => (JsonNode)JsonValue.Create((string)o["id"]!)!)]);
        offerRequests[id] = request;
        var answer = (JsonObject)request.DeepClone();
        answer.Remove("offers_made");
        return answer;
    }

    private static JsonObject Slice(JsonObject asked, int hour, bool connecting, JsonArray passengers, string cabin)
    {
        var origin = (string)asked["origin"]!;
        var destination = (string)asked["destination"]!;
        var date = DateOnly.Parse((string)asked["departure_date"]!, CultureInfo.InvariantCulture);
        var depart = date.ToDateTime(new TimeOnly(hour, 15));
        var segments = new JsonArray();
        var legs = connecting ? new[] { (origin, "LHR"), ("LHR", destination) } : new[] { (origin, destination) };
        var at = depart;
        foreach (var (from, to) in legs.Where(l => l.Item1 != l.Item2))
        {
            var arrive = at.AddHours(3);
            segments.Add(new JsonObject
            {
                ["id"] = "seg_" + Guid.NewGuid().ToString("N")[..12],
                ["origin"] = Airport(from),
                ["destination"] = Airport(to),
                ["departing_at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["arriving_at"] = arrive.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["duration"] = "PT3H",
                ["marketing_carrier"] = new JsonObject { ["iata_code"] = "ZZ", ["name"] = "Duffel Airways" },
                ["marketing_carrier_flight_number"] = "0" + (100 + hour).ToString(CultureInfo.InvariantCulture),
                ["operating_carrier"] = new JsonObject { ["iata_code"] = "ZZ", ["name"] = "Duffel Airways" },
                ["operating_carrier_flight_number"] = (100 + hour).ToString(CultureInfo.InvariantCulture),
                ["aircraft"] = new JsonObject { ["iata_code"] = "789", ["name"] = "Boeing 787-9" },
                ["passengers"] = new JsonArray([.. passengers.OfType<JsonObject>().Select(p => (JsonNode)new JsonObject
                {
                    ["passenger_id"] = (string)p["id"]!,
                    ["cabin_class"] = cabin,
                    ["cabin_class_marketing_name"] = "Economy",
                })]),
            });
            at = arrive.AddHours(2);
        }
        return new JsonObject
        {
            ["id"] = "sli_" + Guid.NewGuid().ToString("N")[..12],
            ["origin"] = Airport(origin),
            ["destination"] = Airport(destination),
            ["duration"] = connecting ? "PT8H" : "PT3H",
            ["segments"] = segments,
        };
    }

    private static JsonObject Airport(string code)
    {
        var location = LocationDirectory.Shared.Find(code)!;
        return new JsonObject
        {
            ["type"] = "airport",
            ["iata_code"] = code,
            ["name"] = location.Name,
            ["city_name"] = location.City,
            ["time_zone"] = location.TimeZone,
            ["latitude"] = location.Point.Latitude,
            ["longitude"] = location.Point.Longitude,
        };
    }

    private async Task ListOffersAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!offerRequests.TryGetValue(query["offer_request_id"].ToString(), out var offerRequest))
        {
            await ErrorAsync(context, 404, "not_found", "The offer request does not exist");
            return;
        }
        var limit = int.Parse(query["limit"].ToString() is { Length: > 0 } l ? l : "50", CultureInfo.InvariantCulture);
        var start = query["after"].ToString() is { Length: > 0 } after ? int.Parse(after, CultureInfo.InvariantCulture) : 0;
        var all = (offerRequest["offers_made"] as JsonArray)!.Select(id => offers[(string)id!])
            .Where(o => query["max_connections"] != "0" || ((JsonArray)o["slices"]!).All(s => ((JsonArray)s!["segments"]!).Count == 1))
            .OrderBy(o => decimal.Parse((string)o["total_amount"]!, CultureInfo.InvariantCulture)).ToList();
        // Pages of at most three offers so that the client has to follow meta.after.
        var page = all.Skip(start).Take(Math.Min(limit, 3)).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        await DataAsync(context, new JsonArray([.. page.Select(o => o.DeepClone())]), meta: new JsonObject { ["limit"] = limit, ["after"] = next, ["before"] = null });
    }

    private async Task CreateOrderAsync(HttpContext context, JsonObject data)
    {
        var offerId = (string)(data["selected_offers"] as JsonArray)![0]!;
        if (!offers.TryGetValue(offerId, out var offer))
        {
            await ErrorAsync(context, 422, "offer_no_longer_available", "The selected offer is no longer available", "selected_offers");
            return;
        }
        var expected = (offer["passengers"] as JsonArray)!.OfType<JsonObject>().ToDictionary(p => (string)p["id"]!, p => (string)p["type"]!);
        var given = (data["passengers"] as JsonArray)!.OfType<JsonObject>().ToList();
        if (given.Count != expected.Count || given.Any(p => !expected.ContainsKey((string)p["id"]!)))
        {
            await ErrorAsync(context, 422, "validation_error", "Passenger ids must match the offer's passengers", "passengers");
            return;
        }
        var infants = expected.Where(p => p.Value == "infant_without_seat").Select(p => p.Key).ToHashSet();
        var linked = given.Select(p => (string?)p["infant_passenger_id"]).OfType<string>().ToHashSet();
        if (!infants.SetEquals(linked))
        {
            await ErrorAsync(context, 422, "validation_error", "Each infant must be linked to one adult with infant_passenger_id", "passengers");
            return;
        }
        var payment = (data["payments"] as JsonArray)![0]!;
        if ((string?)payment["amount"] != (string?)offer["total_amount"] || (string?)payment["currency"] != (string?)offer["total_currency"])
        {
            await ErrorAsync(context, 422, "price_changed", "The payment does not match the offer's total", "payments");
            return;
        }
        var order = new JsonObject
        {
            ["id"] = NextId("ord"),
            ["live_mode"] = false,
            ["booking_reference"] = "ZZ" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(),
            ["total_amount"] = offer["total_amount"]!.DeepClone(),
            ["total_currency"] = offer["total_currency"]!.DeepClone(),
            ["metadata"] = data["metadata"]?.DeepClone(),
            ["passengers"] = new JsonArray([.. given.Select(p => (JsonNode)new JsonObject { ["id"] = p["id"]!.DeepClone(), ["given_name"] = p["given_name"]!.DeepClone(), ["family_name"] = p["family_name"]!.DeepClone(), ["type"] = expected[(string)p["id"]!] })]),
            ["slices"] = offer["slices"]!.DeepClone(),
            ["cancelled_at"] = null,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        orders[(string)order["id"]!] = order;
        if (OrderDelay > TimeSpan.Zero)
        {
            await Task.Delay(OrderDelay);
        }
        await DataAsync(context, order, 201);
    }

    private async Task CreateCancellationAsync(HttpContext context, string orderId)
    {
        if (!orders.TryGetValue(orderId, out var order))
        {
            await ErrorAsync(context, 404, "not_found", "The order does not exist", "order_id");
            return;
        }
        var refund = decimal.Parse((string)order["total_amount"]!, CultureInfo.InvariantCulture) - 25m;
        var cancellation = new JsonObject
        {
            ["id"] = NextId("ore"),
            ["order_id"] = orderId,
            ["live_mode"] = false,
            ["refund_amount"] = refund.ToString("0.00", CultureInfo.InvariantCulture),
            ["refund_currency"] = order["total_currency"]!.DeepClone(),
            ["refund_to"] = "balance",
            ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(15).ToString("O", CultureInfo.InvariantCulture),
            ["confirmed_at"] = null,
        };
        cancellations[(string)cancellation["id"]!] = cancellation;
        await DataAsync(context, cancellation, 201);
    }

    // ---- stays ----

    private JsonObject StaySearch(JsonObject data)
    {
        var coordinates = data["location"]!["geographic_coordinates"]!;
        var lat = (double)coordinates["latitude"]!;
        var lon = (double)coordinates["longitude"]!;
        var results = new JsonArray();
        var nights = DateOnly.Parse((string)data["check_out_date"]!, CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse((string)data["check_in_date"]!, CultureInfo.InvariantCulture).DayNumber;
        for (var i = 0; i < 3; i++)
        {
            var id = NextId("srr");
            var nightly = 140m + (i * 60m);
            var accommodation = new JsonObject
            {
                ["id"] = NextId("acc"),
                ["name"] = new[] { "Duffel Test Hotel", "The Test Grand", "Sandbox Suites" }[i],
                ["rating"] = 3 + i,
                ["review_score"] = 7.8 + (i * 0.5),
                ["review_count"] = 120 * (i + 1),
                ["location"] = new JsonObject
                {
                    ["geographic_coordinates"] = new JsonObject { ["latitude"] = lat + (0.004 * (i + 1)), ["longitude"] = lon - (0.003 * i) },
                    ["address"] = new JsonObject { ["line_one"] = $"{10 + i} Test Street", ["city_name"] = "Testville", ["country_code"] = "GB", ["postal_code"] = "EC1A 1AA" },
                },
                ["amenities"] = new JsonArray([.. new[] { "wifi", "gym", i > 0 ? "pool" : "parking", i == 2 ? "spa" : "pets_allowed" }
                    .Select(a => (JsonNode)new JsonObject { ["type"] = a, ["description"] = a })]),
                ["rooms"] = new JsonArray(),
            };
            var full = (JsonObject)accommodation.DeepClone();
            var rooms = new JsonArray();
            foreach (var (room, factor) in new[] { ("Double Room", 1.0m), ("Deluxe King Room", 1.4m) })
            {
                var roomRates = new JsonArray();
                foreach (var (board, refundable) in new[] { ("room_only", true), ("room_only", false), ("breakfast", true) })
                {
                    var total = Math.Round(nightly * factor * nights * (refundable ? 1m : 0.9m) + (board == "breakfast" ? 30m * nights : 0m), 2);
                    var rate = new JsonObject
                    {
                        ["id"] = NextId("rat"),
                        ["total_amount"] = total.ToString("0.00", CultureInfo.InvariantCulture),
                        ["total_currency"] = "GBP",
                        ["board_type"] = board,
                        ["payment_type"] = "pay_now",
                        ["quantity_available"] = 3,
                        ["cancellation_timeline"] = refundable
                            ? new JsonArray(
                                new JsonObject { ["refund_amount"] = total.ToString("0.00", CultureInfo.InvariantCulture), ["currency"] = "GBP", ["before"] = DateOnly.Parse((string)data["check_in_date"]!, CultureInfo.InvariantCulture).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T17:00:00Z" },
                                new JsonObject { ["refund_amount"] = (total / 2).ToString("0.00", CultureInfo.InvariantCulture), ["currency"] = "GBP", ["before"] = DateOnly.Parse((string)data["check_in_date"]!, CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T17:00:00Z" })
                            : new JsonArray(),
                    };
                    rates[(string)rate["id"]!] = rate;
                    roomRates.Add(rate);
                }
                rooms.Add(new JsonObject { ["name"] = room, ["beds"] = new JsonArray(new JsonObject { ["type"] = room.StartsWith("Double", StringComparison.Ordinal) ? "double" : "king", ["count"] = 1 }), ["rates"] = roomRates });
            }
            full["rooms"] = rooms;
            stayResults[id] = new JsonObject { ["id"] = id, ["check_in_date"] = data["check_in_date"]!.DeepClone(), ["check_out_date"] = data["check_out_date"]!.DeepClone(), ["rooms"] = data["rooms"]!.DeepClone(), ["accommodation"] = full };
            results.Add(new JsonObject
            {
                ["id"] = id,
                ["check_in_date"] = data["check_in_date"]!.DeepClone(),
                ["check_out_date"] = data["check_out_date"]!.DeepClone(),
                ["rooms"] = data["rooms"]!.DeepClone(),
                ["accommodation"] = accommodation,
                ["cheapest_rate_total_amount"] = Math.Round(nightly * nights * 0.9m, 2).ToString("0.00", CultureInfo.InvariantCulture),
                ["cheapest_rate_currency"] = "GBP",
            });
        }
        return new JsonObject { ["results"] = results, ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
    }

    private async Task QuoteAsync(HttpContext context, string rateId)
    {
        if (!rates.TryGetValue(rateId, out var rate))
        {
            await ErrorAsync(context, 422, "rate_unavailable", "The rate is no longer available", "rate_id");
            return;
        }
        var quote = new JsonObject { ["id"] = NextId("quo"), ["rate_id"] = rateId, ["total_amount"] = rate["total_amount"]!.DeepClone(), ["total_currency"] = rate["total_currency"]!.DeepClone() };
        quotes[(string)quote["id"]!] = quote;
        await DataAsync(context, quote, 201);
    }

    private async Task BookStayAsync(HttpContext context, JsonObject data)
    {
        if (!quotes.TryGetValue((string?)data["quote_id"] ?? "", out var quote))
        {
            await ErrorAsync(context, 422, "quote_expired", "The quote has expired", "quote_id");
            return;
        }
        if (data["guests"] is not JsonArray { Count: > 0 } || (string?)data["email"] is null || ((string?)data["phone_number"])?.StartsWith('+') != true)
        {
            await ErrorAsync(context, 422, "validation_error", "guests, email and phone_number are required", "guests");
            return;
        }
        var booking = new JsonObject
        {
            ["id"] = NextId("bok"),
            ["reference"] = "H" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(),
            ["status"] = "confirmed",
            ["confirmed_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["total_amount"] = quote["total_amount"]!.DeepClone(),
            ["total_currency"] = quote["total_currency"]!.DeepClone(),
            ["email"] = data["email"]!.DeepClone(),
            ["guests"] = data["guests"]!.DeepClone(),
            ["metadata"] = data["metadata"]?.DeepClone(),
            ["cancelled_at"] = null,
        };
        bookings[(string)booking["id"]!] = booking;
        await DataAsync(context, booking, 201);
    }

    /// <summary>The booking Duffel holds under an id, for assertions.</summary>
    public JsonObject? Booking(string id) => bookings.GetValueOrDefault(id);

    /// <summary>The order Duffel holds under an id, for assertions.</summary>
    public JsonObject? Order(string id) => orders.GetValueOrDefault(id);

    // ---- envelopes ----

    private static Task DataAsync(HttpContext context, JsonNode data, int status = 200, JsonObject? meta = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["data"] = data.DeepClone() };
        if (meta is not null)
        {
            body["meta"] = meta;
        }
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message, string? field = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["type"] = status == 429 ? "rate_limit_error" : status >= 500 ? "api_error" : status == 401 ? "authentication_error" : "invalid_request_error",
            ["title"] = code.Replace('_', ' '),
            ["message"] = message,
            ["code"] = code,
            ["documentation_url"] = "https://duffel.com/docs/api/overview/errors",
        };
        if (field is not null)
        {
            error["source"] = new JsonObject { ["field"] = field, ["pointer"] = "/" + field };
        }
        var body = new JsonObject { ["errors"] = new JsonArray(error), ["meta"] = new JsonObject { ["status"] = status, ["request_id"] = Guid.NewGuid().ToString("N") } };
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
