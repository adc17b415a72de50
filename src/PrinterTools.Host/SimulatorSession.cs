using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using PrinterTools.Simulator;

namespace PrinterTools.Host;

/// <summary>The in-process virtual printers started by <c>-Simulator</c>.</summary>
internal sealed class SimulatorSession : IAsyncDisposable
{
    private readonly VirtualPrinterFarm _farm;

    private SimulatorSession(VirtualPrinterFarm farm)
    {
        _farm = farm;
    }

    public IReadOnlyList<IPAddress> Addresses => _farm.Addresses;

    /// <summary>Every virtual printer of the farm, of every vendor.</summary>
    public int PrinterCount => _farm.Addresses.Count;

    public static async Task<SimulatorSession> StartAsync() =>
        new(await VirtualPrinterFarm.StartDefaultAsync().ConfigureAwait(false));

    public ValueTask DisposeAsync() => _farm.DisposeAsync();

    /// <summary>"Simulator: 8 virtual printers on 127.0.0.10-127.0.0.17".</summary>
    public string Describe() => Describe(PrinterCount, Addresses);

    internal static string Describe(int printerCount, IReadOnlyList<IPAddress> addresses) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Simulator: {printerCount} virtual printer{(printerCount == 1 ? "" : "s")} on {DescribeAddresses(addresses)}");

    // A run of consecutive IPv4 addresses reads best as a range; anything else is listed.
    internal static string DescribeAddresses(IReadOnlyList<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return "no address";
        }

        if (addresses.Count > 1 && addresses.All(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
        {
            uint[] numbers = addresses.Select(ToNumber).Order().ToArray();
            bool consecutive = numbers.Zip(numbers.Skip(1)).All(p => p.Second == p.First + 1);
            if (consecutive)
            {
                return $"{FromNumber(numbers[0])}-{FromNumber(numbers[^1])}";
            }
        }

        return string.Join(", ", addresses);
    }

    private static uint ToNumber(IPAddress address)
    {
        byte[] b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static IPAddress FromNumber(uint n) =>
        new([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
}
