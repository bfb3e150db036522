using System.Reflection;
using Pathavana.Bookings.WrongWay;
using Pathavana.Inventory.WrongWay;
using Pathavana.Notifications.WrongWay;
using Pathavana.Trips.WrongWay;

namespace Pathavana.Architecture.Tests;

/// <summary>
/// Module boundaries, asserted on the compiled app (docs/adr/0011). Each rule passes on the tree and,
/// in its negative case, names the deliberately wrong references in <c>Fixtures/WrongReferences.cs</c>
/// and only those. Known exceptions are listed with their reason and must still break the rule, so
/// the list only shrinks: fixing one fails the test until it is removed from the list.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly App = typeof(Program).Assembly;
    private static readonly Assembly WithWrongReferences = typeof(ModuleBoundaryTests).Assembly;

    /// <summary>
    /// Services that still build HTTP answers themselves, each with its reason. Empty since issue 19:
    /// services return domain outcomes that their module's endpoint class maps (docs/adr/0019). A new
    /// entry needs a reason and an issue that takes it off again.
    /// </summary>
    private static readonly Dictionary<string, string> ServicesKnownToSpeakHttp = [];

    /// <summary>
    /// Types that still reach past another module's contract (rule d, <see cref="ModuleRules.ReachesPastContracts"/>),
    /// each with its reason. The vendor adapters' entries are deliberate (docs/adr/0010); the others name
    /// the port that would take them off. A new entry needs a reason; a fixed one must come off.
    /// </summary>
    private static readonly Dictionary<string, string> KnownToReachPastContracts = new[]
    {
        Known("One vendor, two ports (ADR 0010): the order side shares the search side's authenticated transport, options, "
            + "token provider, offer store and wire records in Pathavana.Inventory.Amadeus/.Duffel, which Bookings may depend on.",
            "Pathavana.Bookings.Amadeus.AmFlightOrder", "Pathavana.Bookings.Amadeus.AmadeusBookingProvider",
            "Pathavana.Bookings.Amadeus.AmadeusBookingSetup", "Pathavana.Bookings.Amadeus.AmadeusOrderClient",
            "Pathavana.Bookings.Amadeus.AmadeusOrderJsonContext", "Pathavana.Bookings.Duffel.DuffelBookingProvider",
            "Pathavana.Bookings.Duffel.DuffelBookingSetup"),
        Known("GDPR duties (export, erasure, masking, retention) visit every table holding a subject's personal data, "
            + "in one unit of work per subject; a read and a delete port per module for each table would only move the list.",
            "Pathavana.Privacy.AccountErasure", "Pathavana.Privacy.AnonymousErasure", "Pathavana.Privacy.DataExport",
            "Pathavana.Privacy.DataMasking", "Pathavana.Privacy.PrivacyApi", "Pathavana.Privacy.RetentionJob"),
    }.SelectMany(k => k).ToDictionary();

    [Fact]
    public void Inventory_uses_no_Bookings_Trips_or_Assistant_type()
    {
        var offenders = ModuleRules.InventoryReachingUp(App);

        Assert.True(offenders.Count == 0, "Inventory must not depend on the modules built on it; these types do: " + Names(offenders));
    }

    [Fact]
    public void The_Inventory_rule_catches_Inventory_types_that_use_Bookings_or_Trips()
    {
        var offenders = ModuleRules.InventoryReachingUp(WithWrongReferences);

        Assert.Equal([typeof(InventoryTypeThatBooks), typeof(InventoryTypeThatPlansTrips)], offenders);
    }

    [Fact]
    public void Every_module_endpoint_class_is_found()
    {
        // The rules below are only as good as this list; a new module's XApi appears here.
        Assert.Equal(
            ["AccountsApi", "AssistantApi", "AuditApi", "BookingsApi", "InventoryApi", "PrivacyApi", "TravelersApi", "TripsApi"],
            ModuleRules.EndpointClasses(App).Select(t => t.Name));
    }

    [Fact]
    public void Nothing_but_the_start_up_and_the_endpoint_class_itself_uses_an_endpoint_class()
    {
        var users = ModuleRules.EndpointClassUsers(App, ModuleRules.EndpointClasses(App));

        Assert.True(users.Count == 0, "Only the start-up maps endpoint classes; what else needs their code should move out of them: "
            + string.Join("; ", users.Select(u => $"{u.User.FullName} uses {u.EndpointClass.Name}")));
    }

    [Fact]
    public void The_endpoint_class_rule_catches_a_service_that_calls_an_endpoint_class()
    {
        var users = ModuleRules.EndpointClassUsers(WithWrongReferences, ModuleRules.EndpointClasses(App));

        var wrong = Assert.Single(users);
        Assert.Equal(typeof(TripServiceThatCallsTheEndpointClass), wrong.User);
        Assert.Equal("TripsApi", wrong.EndpointClass.Name);
    }

    [Fact]
    public void The_endpoint_class_rule_lets_an_endpoint_class_and_the_start_up_use_it()
    {
        var api = ModuleRules.EndpointClasses(App).Single(t => t.Name == "TripsApi");
        var startUp = App.GetType("Pathavana.Platform.Hosting.PathavanaApp", throwOnError: true)!;

        // Both do use TripsApi (the rule would name them otherwise): the start-up maps it, and it uses itself.
        var result = NetArchTest.Rules.Types.InAssembly(App).Should().NotHaveDependencyOn(api.FullName).GetResult();
        Assert.Contains(startUp, result.FailingTypes ?? []);
        Assert.Contains(api, result.FailingTypes ?? []);
        Assert.DoesNotContain(ModuleRules.EndpointClassUsers(App, [api]), u => u.User == startUp || u.User == api);
    }

    [Fact]
    public void Services_and_entities_build_no_HTTP_results_but_the_known_ones_which_still_do()
    {
        var offenders = ModuleRules.ServicesSpeakingHttp(App, ModuleRules.EndpointClasses(App)).Select(t => t.FullName!).ToList();

        var unexpected = offenders.Except(ServicesKnownToSpeakHttp.Keys).ToList();
        Assert.True(unexpected.Count == 0, "Services return domain outcomes; only endpoint classes build HTTP results. These do: " + string.Join(", ", unexpected));
        var fixedSince = ServicesKnownToSpeakHttp.Keys.Except(offenders).ToList();
        Assert.True(fixedSince.Count == 0, "No longer building HTTP results, so take them off ServicesKnownToSpeakHttp: " + string.Join(", ", fixedSince));
    }

    [Fact]
    public void The_HTTP_results_rule_catches_services_that_build_HTTP_results()
    {
        var offenders = ModuleRules.ServicesSpeakingHttp(WithWrongReferences, ModuleRules.EndpointClasses(App));

        Assert.Equal([typeof(BookingServiceThatAnswersHttp), typeof(BookingServiceThatBuildsProblems)], offenders);
    }

    [Fact]
    public void The_HTTP_results_rule_lets_endpoint_classes_build_them()
    {
        var bookingsApi = ModuleRules.EndpointClasses(App).Single(t => t.Name == "BookingsApi");

        var withoutExemption = NetArchTest.Rules.Types.InAssembly(App).That().HaveName(bookingsApi.Name)
            .Should().NotHaveDependencyOnAny(ModuleRules.HttpResultTypes).GetResult();

        Assert.False(withoutExemption.IsSuccessful, "BookingsApi builds typed results, so the exemption is what lets it pass");
        Assert.DoesNotContain(bookingsApi, ModuleRules.ServicesSpeakingHttp(App, ModuleRules.EndpointClasses(App)));
    }

    [Fact]
    public void Modules_reach_each_other_only_through_contracts_but_the_known_ones_which_still_do()
    {
        var reaches = ModuleRules.ReachesPastContracts(App);
        var offenders = reaches.Select(r => r.User.FullName!).Distinct().ToList();

        var unexpected = reaches.Where(r => !KnownToReachPastContracts.ContainsKey(r.User.FullName!)).ToList();
        Assert.True(unexpected.Count == 0, "A module uses another module's contract (root-namespace types but its tables), not its tables, "
            + "adapters or engines; give the owner a small interface or move the type. These reach past it: "
            + string.Join("; ", unexpected.Select(r => $"{r.User.FullName} uses {r.Internal.FullName}")));
        var fixedSince = KnownToReachPastContracts.Keys.Except(offenders).ToList();
        Assert.True(fixedSince.Count == 0, "No longer reaching past a contract, so take them off KnownToReachPastContracts: " + string.Join(", ", fixedSince));
    }

    [Fact]
    public void The_contracts_rule_catches_a_module_reading_another_modules_table_or_adapter()
    {
        var reaches = ModuleRules.ReachesPastContracts(WithWrongReferences);

        Assert.Equal(
            [
                (typeof(NotifierThatReadsTheBookingsTable), typeof(Pathavana.Bookings.Booking)),
                (typeof(NotifierThatUsesTheSimulatorsGeometry), typeof(Pathavana.Inventory.Simulation.Geo)),
            ],
            reaches);
    }

    [Fact]
    public void The_contracts_rule_counts_entities_and_sub_namespaces_as_internal_and_ports_as_contracts()
    {
        var reaches = ModuleRules.ReachesPastContracts(App);

        // Privacy uses Bookings' table (Booking), its port (IdempotencyStore, root namespace) and Travelers' port
        // (ITravelerDirectory): only the table is named. Users is a table through IdentityDbContext<User, …>.
        Assert.Contains(reaches, r => r.User.Name == "DataExport" && r.Internal.Name == "Booking");
        Assert.Contains(reaches, r => r.User.Name == "DataExport" && r.Internal.FullName == "Pathavana.Accounts.User");
        Assert.DoesNotContain(reaches, r => r.Internal.Name is "IdempotencyStore" or "ITravelerDirectory" or "InventoryService");
        // Entity configurations may name another module's entity as a foreign key's principal.
        Assert.DoesNotContain(reaches, r => r.User.Name.EndsWith("Configuration", StringComparison.Ordinal));
    }

    private static IEnumerable<KeyValuePair<string, string>> Known(string reason, params string[] users) =>
        users.Select(u => KeyValuePair.Create(u, reason));

    private static string Names(IEnumerable<Type> types) => string.Join(", ", types.Select(t => t.FullName));
}
