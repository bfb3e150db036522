namespace Pathavana.Inventory;

/// <summary>
/// A travel provider refused a request for a reason the caller can fix (a field it rejects, an
/// offer that has expired). Answered as a 4xx problem with the provider's explanation; when
/// <see cref="Field"/> is known the problem names it like a validation error. Provider outages
/// are <see cref="Platform.Http.DependencyUnavailableException"/> (503) instead.
/// </summary>
internal sealed class ProviderRequestException(string provider, int status, string detail, string? field = null, string? code = null)
    : Exception(detail)
{
    /// <summary>Which provider answered, e.g. <c>amadeus</c>. Never shown to users.</summary>
    public string Provider { get; } = provider;

    /// <summary>The 4xx status to answer with (400, 404, 410, 422…).</summary>
    public int Status { get; } = status;

    /// <summary>The provider's explanation, fit to show to the user.</summary>
    public string Detail { get; } = detail;

    /// <summary>Our request field the provider rejected (e.g. <c>origin</c>), when known.</summary>
    public string? Field { get; } = field;

    /// <summary>The provider's own error code, for logs.</summary>
    public string? Code { get; } = code;
}
