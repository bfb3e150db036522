namespace Pathavana.Platform;

/// <summary>An amount in an ISO 4217 currency. Stored as an owned type (amount + currency columns).</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public Money Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot add {other.Currency} to {Currency}.");
        }
        return this with { Amount = Amount + other.Amount };
    }

    public override string ToString() => $"{Amount:0.00} {Currency}";
}
