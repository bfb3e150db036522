using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pathavana.Tests.Assistant;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// Every query the API makes on PostgreSQL uses an index once the tables are large: other users' rows
/// (100,000 in each owner-scoped table, spread over 1,000 owners) are generated into a migrated
/// database, a traveller then uses the API (travellers, trips with items, chat, bookings, sharing),
/// and each SELECT, UPDATE and DELETE that EF Core sent is explained with PostgreSQL's generic plan
/// (the plan for any parameter values). A sequential scan of a large table is a failure naming the
/// statement and its plan.
/// </summary>
public sealed partial class QueryPlanTests(TestServers servers)
{
    private const int Rows = 100_000;
    private const int Owners = 1_000;

    /// <summary>The large tables, parents before children (each child's foreign keys point at rows made before it).</summary>
    private static readonly string[] Large =
        ["travelers", "trips", "trip_items", "bookings", "booking_events", "sessions", "session_messages", "audit_logs", "idempotency_keys"];

    [Fact]
    public async Task Every_query_a_traveller_causes_uses_an_index_on_100k_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await PathavanaFactory.ProductionAsync(servers, new Dictionary<string, string?>
        {
            // Each command EF Core sends, with its SQL, reaches the captured logs.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        var connection = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pathavana.Platform.Data.DatabaseOptions>>().Value.ConnectionString!;
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await SeedAsync(db, ct);

        await UseTheApiAsync(app, ct);

        var statements = app.Logs.Records
            .Where(r => r.Category == "Microsoft.EntityFrameworkCore.Database.Command" && r.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(r => r.Message[(r.Message.IndexOf('\n', StringComparison.Ordinal) + 1)..].Trim().TrimEnd(';'))
            .Where(sql => !sql.Contains(';', StringComparison.Ordinal)
                          && Regex.IsMatch(sql, @"^(SELECT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase)
                          && Large.Any(t => sql.Contains($"\"{t}\"", StringComparison.Ordinal) || sql.Contains($" {t} ", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.True(statements.Count >= 15, $"only {statements.Count} statements on the large tables were captured");

        var failures = new List<string>();
        await using (var generic = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", db))
        {
            await generic.ExecuteNonQueryAsync(ct);
        }
        foreach (var sql in statements)
        {
            var plan = await GenericPlanAsync(db, sql, ct);
            var scanned = Large.Where(t => Regex.IsMatch(plan, $@"Seq Scan on {t}\b")).ToList();
            if (scanned.Count > 0)
            {
                failures.Add($"{string.Join(", ", scanned)} scanned by:\n{sql}\n{plan}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {statements.Count} statements scan a large table:\n\n" + string.Join("\n\n", failures));
    }

    /// <summary>The generic plan of a statement whose parameters are EF Core's named ones (@p, @__id_0…).</summary>
    private static async Task<string> GenericPlanAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        var names = new List<string>();
        var positional = ParameterName().Replace(sql, m =>
        {
            var index = names.IndexOf(m.Value);
            if (index < 0)
            {
                names.Add(m.Value);
                index = names.Count - 1;
            }
            return "$" + (index + 1);
        });
        await using (var prepare = new NpgsqlCommand($"PREPARE plan_check AS {positional}", db))
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var arguments = names.Count == 0 ? "" : "(" + string.Join(", ", names.Select(_ => "NULL")) + ")";
            await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE plan_check{arguments}", db);
            var plan = new StringBuilder();
            await using var reader = await explain.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                plan.Append(reader.GetString(0)).Append('\n');
            }
            return plan.ToString();
        }
        finally
        {
            await using var deallocate = new NpgsqlCommand("DEALLOCATE plan_check", db);
            await deallocate.ExecuteNonQueryAsync(ct);
        }
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();

    /// <summary>
    /// Fills the large tables with other owners' rows: each NOT NULL column (identities aside) gets a distinct value
    /// of its type (foreign keys point at generated parents), then ANALYZE gives the planner the sizes.
    /// </summary>
    private static async Task SeedAsync(NpgsqlConnection db, CancellationToken ct)
    {
        await FillAsync(db, "users", Owners, ct);
        foreach (var table in Large)
        {
            await FillAsync(db, table, Rows, ct);
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", db);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private static async Task FillAsync(NpgsqlConnection db, string table, int rows, CancellationToken ct)
    {
        var columns = new List<(string Name, string Type, int? Length)>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT column_name, data_type, character_maximum_length FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @t AND is_nullable = 'NO' AND is_identity = 'NO'
              AND coalesce(column_default, '') NOT LIKE 'nextval%'
            ORDER BY ordinal_position
            """, db))
        {
            read.Parameters.AddWithValue("t", table);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
            }
        }
        var foreign = new Dictionary<string, (string Table, string Column)>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT a.attname, c.confrelid::regclass::text, r.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.conrelid = @t::regclass AND cardinality(c.conkey) = 1
            """, db))
        {
            read.Parameters.AddWithValue("t", table);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                foreign[reader.GetString(0)] = (reader.GetString(1).Trim('"'), reader.GetString(2));
            }
        }

        var parents = foreign.Where(f => columns.Any(c => c.Name == f.Key)).ToList();
        var with = string.Join(", ", parents.Select((f, i) =>
            $"parent{i} AS (SELECT array_agg(\"{f.Value.Column}\") AS ids FROM (SELECT \"{f.Value.Column}\" FROM \"{f.Value.Table}\" LIMIT {Owners}) p)"));
        var values = columns.Select(c =>
        {
            var parent = parents.FindIndex(f => f.Key == c.Name);
            return parent >= 0 ? $"parent{parent}.ids[1 + g % cardinality(parent{parent}.ids)]" : ValueOf(c.Type, c.Length);
        });
        var from = string.Concat(parents.Select((_, i) => $", parent{i}"));
        var sql = $"{(with.Length > 0 ? "WITH " + with + " " : "")}INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) "
                  + $"SELECT {string.Join(", ", values)} FROM generate_series(1, {rows}) g{from}";
        await using var insert = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A distinct value of a column type for row <c>g</c>.</summary>
    private static string ValueOf(string type, int? length) => type switch
    {
        "uuid" => "gen_random_uuid()",
        "text" => "'seed-' || g",
        "character varying" or "character" => length is { } n ? $"left(md5(g::text), {Math.Min(n, 32)})" : "'seed-' || g",
        "smallint" => "(g % 30000)::smallint",
        "integer" => "g",
        "bigint" => "g::bigint",
        "numeric" or "double precision" or "real" => "(g % 1000)",
        "boolean" => "false",
        "timestamp with time zone" => "now() - g * interval '1 minute'",
        "timestamp without time zone" => "(now() - g * interval '1 minute')::timestamp",
        "date" => "current_date + (g % 365)",
        "interval" => "interval '1 hour'",
        "bytea" => "'\\x00'::bytea",
        "jsonb" => "'{}'::jsonb",
        "json" => "'{}'::json",
        "ARRAY" => "'{}'",
        _ => throw new InvalidOperationException($"no generated value for the column type {type}"),
    };

    /// <summary>What a traveller does in a first session: the queries under test are the ones this causes.</summary>
    private static async Task UseTheApiAsync(PathavanaFactory app, CancellationToken ct)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var ana = await app.SignUpAsync();
        var traveler = (await (await ana.Client.PostAsJsonAsync("/api/v1/travelers", TestUsers.Traveler(), ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/travelers", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync($"/api/v1/travelers/{traveler}", ct)).StatusCode);

        var hotels = await ana.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/hotels/search?cityCode=LIS&checkIn={start:yyyy-MM-dd}&checkOut={start.AddDays(2):yyyy-MM-dd}&adults=1", ct);
        var offer = hotels.GetProperty("offers")[0].GetProperty("id").GetString();
        var created = await ana.Client.PostAsJsonAsync("/api/v1/trips",
            new { title = "Lisbon", startDate = start, endDate = start.AddDays(3), currency = "EUR", travelerIds = new[] { traveler } }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var trip = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.True((await ana.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", new { kind = "hotel", offerId = offer }, ct)).IsSuccessStatusCode);
        Assert.True((await ana.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items",
            new { kind = "note", title = "Tram 28 early", day = start.AddDays(1) }, ct)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/trips", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync($"/api/v1/trips/{trip}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync($"/api/v1/trips/{trip}/calendar.ics", ct)).StatusCode);
        var share = await ana.Client.PostAsync($"/api/v1/trips/{trip}/share", null, ct);
        Assert.True(share.IsSuccessStatusCode, await share.Content.ReadAsStringAsync(ct));
        var token = (await share.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/shared/{token}", ct)).StatusCode);

        var session = await ana.Client.NewSessionAsync();
        Assert.True((await ana.Client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text = "Boston to Lisbon in March for a week" }, ct)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync($"/api/v1/chat/sessions/{session}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/chat/sessions", ct)).StatusCode);

        var booked = await Pathavana.Tests.Bookings.BookingTests.BookAsync(ana.Client, new { kind = "hotel", offerId = offer, travelerIds = new[] { traveler } });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync(ct));
        var booking = (await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync("/api/v1/bookings", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.GetAsync($"/api/v1/bookings/{booking}", ct)).StatusCode);
    }
}
