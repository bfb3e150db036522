using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Trips;

/// <summary>
/// A trip is a bounded document: at most 200 items (the 201st is refused naming <c>items</c>, nothing lost),
/// and however many items clash, the trip lists at most 50 warnings and counts the rest, the trip-wide ones kept.
/// </summary>
public sealed class TripLimitsTests
{
    private static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    [Fact]
    public async Task Two_hundred_clashing_activities_fill_a_trip_the_next_is_refused_and_warnings_are_capped_with_a_count()
    {
        await using var app = PathavanaFactory.Embedded();
        var ct = TestContext.Current.CancellationToken;
        var ana = await app.SignUpAsync();
        var created = await ana.Client.PostAsJsonAsync("/api/v1/trips",
            new { title = "Busy day", startDate = Start, endDate = Start, currency = "EUR", budget = 1 }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var trip = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        // Every activity runs 09:00–18:00 on the same day: each clashes with the one before.
        var nineAm = Start.ToDateTime(new TimeOnly(9, 0));
        for (var i = 0; i < 200; i++)
        {
            var added = await ana.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", new
            {
                kind = "activity", title = $"Tour {i}", start = nineAm, end = nineAm.AddHours(9), timeZone = "Europe/Lisbon", price = 10, currency = "EUR",
            }, ct);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var full = await ana.Client.PostAsJsonAsync($"/api/v1/trips/{trip}/items", new { kind = "note", title = "One more", day = Start }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        var problem = await full.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Contains("200", problem.GetProperty("errors").GetProperty("items")[0].GetString());

        var view = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/{trip}", ct);
        Assert.Equal(200, view.GetProperty("days")[0].GetProperty("items").GetArrayLength());
        var warnings = view.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(50, warnings.Count);
        // 199 clashes (each activity with the one before, not every pair: 19,900) and the budget, 50 listed.
        Assert.Equal(199 + 1 - 50, view.GetProperty("warningsNotShown").GetInt32());
        Assert.Contains(warnings, w => w.GetProperty("code").GetString() == "budgetExceeded");
        Assert.Equal(49, warnings.Count(w => w.GetProperty("code").GetString() == "overlap"));
    }
}
