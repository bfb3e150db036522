using Pathavana.Deploy.Tests.Infrastructure;

namespace Pathavana.Deploy.Tests;

public sealed class ToolTests
{
    [Fact]
    public void MissingToolFailsWithAnInstallHint()
    {
        var tool = new ExternalTool("pathavana-no-such-tool", ["/nonexistent/pathavana-no-such-tool"], "Install it from https://example.invalid/.");

        var ex = Assert.Throws<InvalidOperationException>(tool.Locate);

        Assert.Contains("'pathavana-no-such-tool' was not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Install it from https://example.invalid/.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KubectlAndTerraformAreInstalled()
    {
        Assert.True(File.Exists(ExternalTool.Kubectl.Locate()));
        Assert.True(File.Exists(ExternalTool.Terraform.Locate()));
    }
}
