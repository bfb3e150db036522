using System.Security.Cryptography;
using System.Text;
using Pathavana.Inventory;

namespace Pathavana.Bookings;

/// <summary>
/// The embedded default's provider: confirms every order deterministically (the same booking
/// always gets the same reference), charges the offer's price, and is marked <c>simulated</c>.
/// No airline or hotel is involved.
/// </summary>
internal sealed class SimulatedBookingProvider : IBookingProvider
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public string Source => Sources.Simulated;

    public static string ReferenceFor(string clientReference, int length = 6)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("pathavana-sim:" + clientReference));
        return new string([.. hash.Take(length).Select(b => Alphabet[b % Alphabet.Length])]);
    }

    public Task<ProviderOrder> OrderFlightAsync(FlightOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderOrder(Source, ReferenceFor(clientReference), offer.TotalPrice, "sim-" + clientReference));

    public Task<ProviderOrder> OrderHotelAsync(HotelOffer offer, IReadOnlyList<BookingTraveler> travelers, string clientReference, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderOrder(Source, "H" + ReferenceFor(clientReference, 9), offer.Total, "sim-" + clientReference));

    /// <summary>The simulator never loses an answer, so there is never anything to reconcile.</summary>
    public Task<ProviderOrder?> FindOrderAsync(string clientReference, CancellationToken cancellationToken) => Task.FromResult<ProviderOrder?>(null);

    public Task<ProviderCancellation> CancelAsync(ProviderOrder order, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderCancellation(order.Price, $"Refund of {order.Price} (simulated)."));
}
