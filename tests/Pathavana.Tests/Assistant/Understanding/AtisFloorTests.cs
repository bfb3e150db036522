using System.Globalization;
using System.Text.Json;

namespace Pathavana.Tests.Assistant.Understanding;

/// <summary>
/// The ATIS floor (issue 4, Must show): over ../shared/nlu/atis-train.jsonl, scored like eval.py,
/// micro-F1 ≥ 0.93 and ≥ 80% of utterances with every scored field right. The corpus is not part
/// of the project; where it is absent the test says so and is skipped.
/// </summary>
public sealed class AtisFloorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Atis_training_set_meets_the_floor()
    {
        var path = FindCorpus();
        if (path is null)
        {
            Assert.Skip("ATIS corpus not found: set PATHAVANA_NLU_DIR or place shared/nlu/atis-train.jsonl in a parent folder of the test run (it is not part of the repository).");
        }

        var stats = AtisScoring.Fields.ToDictionary(f => f, _ => new int[3]);
        int utterances = 0, allRight = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var gold = JsonDocument.Parse(line);
            var text = gold.RootElement.GetProperty("text").GetString()!;
            var slots = gold.RootElement.GetProperty("slots").EnumerateArray()
                .Select(s => new AtisScoring.Slot(s.GetProperty("slot").GetString()!, s.GetProperty("value").GetString()!))
                .ToList();
            // Scored on the JSON the command writes, as eval.py reads it.
            using var frame = JsonDocument.Parse(UnderstandingTableTests.Understanding.Parse(text, Today).ToJson());

            utterances++;
            var ok = true;
            foreach (var o in AtisScoring.Score(slots, frame.RootElement, Today))
            {
                var s = stats[o.Field];
                if (o.Correct)
                {
                    s[0]++;
                    continue;
                }
                s[1] += o.PredPresent ? 1 : 0;
                s[2] += o.GoldPresent ? 1 : 0;
                ok &= !(o.GoldPresent || o.PredPresent);
            }
            allRight += ok ? 1 : 0;
        }

        var tp = stats.Values.Sum(s => s[0]);
        var fp = stats.Values.Sum(s => s[1]);
        var fn = stats.Values.Sum(s => s[2]);
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        var microF1 = 2 * precision * recall / (precision + recall);
        var exact = allRight / (double)utterances;
        var report = string.Join("; ", stats.Select(p => $"{p.Key} tp={p.Value[0]} fp={p.Value[1]} fn={p.Value[2]}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"micro-F1 {microF1:0.000}, every field right {allRight}/{utterances} = {exact:0.000}; {report}");

        Assert.True(utterances > 4000, $"Expected the whole training set, read {utterances} utterances.");
        Assert.True(microF1 >= 0.93, $"micro-F1 {microF1.ToString("0.000", CultureInfo.InvariantCulture)} is below 0.93. {report}");
        Assert.True(exact >= 0.80, $"only {exact.ToString("0.000", CultureInfo.InvariantCulture)} of utterances have every scored field right (floor 0.80).");
    }

    [Fact]
    public void The_scorer_counts_a_wrong_city_and_a_missing_date_against_the_frame()
    {
        AtisScoring.Slot[] gold = [new("fromloc.city_name", "boston"), new("toloc.city_name", "denver"), new("depart_date.day_name", "monday")];
        using var frame = JsonDocument.Parse("""{"origin":{"code":"BOS","name":"Boston"},"destination":{"code":"DAL","name":"Dallas"}}""");

        var outcomes = AtisScoring.Score(gold, frame.RootElement, Today).ToDictionary(o => o.Field);

        Assert.True(outcomes["origin"].Correct);
        Assert.False(outcomes["destination"].Correct);
        Assert.False(outcomes["departDate"].Correct);
        Assert.True(outcomes["departDate"].GoldPresent);
        Assert.False(outcomes["departDate"].PredPresent);
    }

    /// <summary>PATHAVANA_NLU_DIR, else shared/nlu in the test run's folder or any parent (the repo sits beside ../shared).</summary>
    private static string? FindCorpus()
    {
        var configured = Environment.GetEnvironmentVariable("PATHAVANA_NLU_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            var file = Path.Combine(configured, "atis-train.jsonl");
            return File.Exists(file) ? file : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "shared", "nlu", "atis-train.jsonl");
            if (File.Exists(file))
            {
                return file;
            }
        }
        return null;
    }
}
