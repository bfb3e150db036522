using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pathavana.Accounts;
using Pathavana.Assistant;
using Pathavana.Audit;
using Pathavana.Bookings;
using Pathavana.Platform.Data;
using Pathavana.Tests.Infrastructure;
using Pathavana.Travelers;

namespace Pathavana.Tests.Platform;

public sealed class DataTests(TestServers servers)
{
    private static readonly string[] CoreTables = ["users", "travelers", "bookings", "sessions", "session_messages", "audit_logs"];

    public static TheoryData<string> Providers => new() { "Postgres", "Sqlite" };

    private async Task<PathavanaDbContext> EmptyDatabaseAsync(string provider, TimeProvider time)
    {
        if (provider == "Postgres")
        {
            return TestDatabases.Postgres(await servers.Postgres.CreateEmptyDatabaseAsync(), time);
        }
        var file = Path.Combine(Directory.CreateTempSubdirectory("pathavana-sqlite-").FullName, "test.db");
        return TestDatabases.Sqlite($"Data Source={file};Foreign Keys=True", time);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_build_every_core_table_on_an_empty_database_and_match_the_model(string provider)
    {
        await using var db = await EmptyDatabaseAsync(provider, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(ct));
        await db.Database.MigrateAsync(ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration captures: add a migration");
        var tables = await TableNamesAsync(db, ct);
        foreach (var table in CoreTables)
        {
            Assert.Contains(table, tables);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_core_table_round_trips_with_uuid7_ids_and_clock_timestamps(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));
        var ct = TestContext.Current.CancellationToken;
        string connection;
        await using (var setup = await EmptyDatabaseAsync(provider, clock))
        {
            await setup.Database.MigrateAsync(ct);
            connection = setup.Database.GetConnectionString()!;
        }

        Guid userId, travelerId, bookingId, sessionId, auditId;
        await using (var write = Open(provider, connection, clock))
        {
            var user = new User { UserName = "ana@example.com", Email = "ana@example.com" };
            write.Users.Add(user);
            await write.SaveChangesAsync(ct);
            userId = user.Id;

            var traveler = new Traveler { OwnerId = user.Id, GivenNames = "Ana Maria", Surname = "Silva", PassportNumber = "X1234567" };
            var booking = Booking.Start(user.Id, BookingKind.Flight, "simulated", new Pathavana.Platform.Money(812.40m, "USD"), "offer-1", """{"id":"offer-1"}""",
                [new BookingTraveler(traveler.Id, "Ana Maria", "Silva", new DateOnly(1990, 4, 2), null, null, null, "X1234567", "PT", null, "PT")],
                tripId: null, clock.GetUtcNow());
            var session = new ChatSession { OwnerId = user.Id, Title = "Lisbon in March" };
            session.Messages.Add(new ChatMessage { Seq = 1, Role = ChatRole.User, Text = "Boston to Lisbon" });
            session.Messages.Add(new ChatMessage { Seq = 2, Role = ChatRole.Assistant, Text = "Which dates?", Payload = "[]" });
            var audit = new AuditLogEntry { Sequence = 1, OccurredAt = clock.GetUtcNow(), ActorId = user.Id, Action = "sign_in.succeeded", PreviousHash = new string('0', 64), Hash = new string('a', 64) };
            write.AddRange(traveler, booking, session, audit);
            await write.SaveChangesAsync(ct);
            (travelerId, bookingId, sessionId, auditId) = (traveler.Id, booking.Id, session.Id, audit.Id);
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await using (var update = Open(provider, connection, clock))
        {
            var booking = await update.Bookings.SingleAsync(b => b.Id == bookingId, ct);
            booking.Confirm(new ProviderOrder("simulated", "ABC123", new Pathavana.Platform.Money(812.40m, "USD")), clock.GetUtcNow());
            await update.SaveChangesAsync(ct);
        }

        await using var read = Open(provider, connection, clock);
        var start = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        var storedUser = await read.Users.SingleAsync(u => u.Id == userId, ct);
        var storedTraveler = await read.Travelers.SingleAsync(t => t.Id == travelerId, ct);
        var storedBooking = await read.Bookings.SingleAsync(b => b.Id == bookingId, ct);
        var storedSession = await read.ChatSessions.Include(s => s.Messages).SingleAsync(s => s.Id == sessionId, ct);
        var storedAudit = await read.AuditLogs.SingleAsync(a => a.Id == auditId, ct);

        foreach (var id in new[] { userId, travelerId, bookingId, sessionId, auditId })
        {
            Assert.Equal(7, id.Version);
        }
        Assert.Equal("ana@example.com", storedUser.Email);
        Assert.Equal(start, storedUser.CreatedAt);
        Assert.Equal("Silva", storedTraveler.Surname);
        Assert.Equal(new Pathavana.Platform.Money(812.40m, "USD"), storedBooking.Price);
        Assert.Equal(BookingStatus.Confirmed, storedBooking.Status);
        Assert.Equal(start, storedBooking.CreatedAt);
        Assert.Equal(start.AddMinutes(10), storedBooking.UpdatedAt);
        Assert.Equal(["Boston to Lisbon", "Which dates?"], storedSession.Messages.OrderBy(m => m.Role).Select(m => m.Text));
        Assert.Equal("sign_in.succeeded", storedAudit.Action);
        Assert.Equal(1, await read.ChatSessions.CountAsync(s => s.UpdatedAt >= start && s.OwnerId == userId, ct));
    }

    private static PathavanaDbContext Open(string provider, string connection, TimeProvider clock) =>
        provider == "Postgres" ? TestDatabases.Postgres(connection, clock) : TestDatabases.Sqlite(connection, clock);

    private static async Task<HashSet<string>> TableNamesAsync(PathavanaDbContext db, CancellationToken ct)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'";
        return [.. await db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct)];
    }
}
