using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

/// <summary>
/// Must have 6: the platform document's maintenance tasks as checklists, each line with the
/// command that answers it, and the upgrade and incident procedures.
/// </summary>
public sealed class RunbookTests
{
    private static string Runbook(string name) => File.ReadAllText(RepositoryLayout.PathTo("docs", "runbooks", name));

    /// <summary>The platform document's "Regular Maintenance Tasks", word for word.</summary>
    public static readonly TheoryData<string, string> MaintenanceTasks = new()
    {
        { "Daily", "Check application health dashboards" },
        { "Daily", "Review error logs and alerts" },
        { "Daily", "Monitor resource utilization" },
        { "Daily", "Verify backup completion" },
        { "Weekly", "Review performance metrics" },
        { "Weekly", "Update security patches" },
        { "Weekly", "Test backup restoration" },
        { "Weekly", "Review cost reports" },
        { "Monthly", "Update Kubernetes version (if available)" },
        { "Monthly", "Review and rotate secrets" },
        { "Monthly", "Conduct disaster recovery test" },
        { "Monthly", "Review access permissions" },
        { "Monthly", "Update documentation" },
        { "Quarterly", "Security audit and penetration testing" },
        { "Quarterly", "Review and update disaster recovery plan" },
        { "Quarterly", "Capacity planning review" },
        { "Quarterly", "Cost optimization review" },
        { "Quarterly", "Update compliance documentation" },
    };

    [Theory]
    [MemberData(nameof(MaintenanceTasks))]
    public void EveryMaintenanceTaskIsACheckboxWithItsCommands(string period, string task)
    {
        var section = Markdown.Section(Runbook("maintenance.md"), period.ToLowerInvariant());
        Assert.NotNull(section);

        var start = section.IndexOf($"- [ ] **{task}.**", StringComparison.Ordinal);
        Assert.True(start >= 0, $"maintenance.md, {period}: no checkbox '- [ ] **{task}.**'");
        var next = section.IndexOf("\n- [ ] ", start + 1, StringComparison.Ordinal);
        var item = section[start..(next < 0 ? section.Length : next)];
        Assert.True(item.Contains("```sh", StringComparison.Ordinal) || item.Contains("`kubectl", StringComparison.Ordinal) || item.Contains("`aws ", StringComparison.Ordinal),
            $"maintenance.md, {period}, '{task}': no command that answers it");
    }

    [Fact]
    public void ProceduresCoverTheDocumentsSteps()
    {
        var kubernetes = Runbook("kubernetes-upgrade.md");
        var application = Runbook("application-upgrade.md");
        var incident = Runbook("incident-response.md");

        foreach (var step in new[] { "planning", "testing", "staging", "backup", "production", "verification" })
        {
            Assert.Contains(Markdown.Anchors(kubernetes), a => a.Contains(step, StringComparison.Ordinal));
        }
        foreach (var step in new[] { "Code review", "Testing", "Security scan", "Staging", "Production" })
        {
            Assert.Contains($"**{step}.**", application, StringComparison.Ordinal);
        }
        Assert.NotNull(Markdown.Section(application, "rolling-back"));
        foreach (var step in new[] { "detection", "assessment", "response", "communication", "resolution", "post-mortem" })
        {
            Assert.Contains(Markdown.Anchors(incident), a => a.EndsWith(step, StringComparison.Ordinal));
        }
        foreach (var severity in new[] { "**P0**", "**P1**", "**P2**", "**P3**" })
        {
            Assert.Contains(severity, incident, StringComparison.Ordinal);
        }
    }

    /// <summary>Every relative link between the runbooks and to the docs resolves (file and heading).</summary>
    [Fact]
    public void LinksBetweenRunbooksResolve()
    {
        var directory = RepositoryLayout.PathTo("docs", "runbooks");
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.md"))
        {
            foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\]\((?<file>[a-z-]+\.md)?(#(?<anchor>[a-z0-9-]+))?\)"))
            {
                var target = link.Groups["file"].Success ? Path.Combine(directory, link.Groups["file"].Value) : file;
                if (!File.Exists(target))
                {
                    problems.Add($"{Path.GetFileName(file)}: {link.Value} (no such file)");
                }
                else if (link.Groups["anchor"].Success && Markdown.Section(File.ReadAllText(target), link.Groups["anchor"].Value) is null)
                {
                    problems.Add($"{Path.GetFileName(file)}: {link.Value} (no such heading)");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
