using System;
using System.Net;

namespace PrinterTools.FlashForge;

/// <summary>How to reach one FlashForge printer.</summary>
public sealed class FlashForgeConnectionOptions
{
    public FlashForgeConnectionOptions(string address) => Address = address;

    public string Address { get; }

    /// <summary>Bounds every single network wait (connect, each command, each HTTP request).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// LAN-mode access for HTTP 8898: UserName = serial number (may be empty: then it is read
    /// from the printer), SecurePassword = check code. Null: TCP only.
    /// </summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>What discovery already knows (name, model, serial), or null.</summary>
    public PrinterInfo? Known { get; init; }

    public int TcpPort { get; init; } = FlashForgeTcpClient.DefaultPort;

    /// <summary>
    /// The console connection the vendor probe already opened, or null: the first console read
    /// takes it instead of connecting again. Whoever made the options disposes it if unused.
    /// </summary>
    public Discovery.ProbedConnection? Probed { get; init; }

    /// <summary>The same printer over the console only.</summary>
    public FlashForgeConnectionOptions WithoutCredential() => WithCredential(null);

    /// <summary>The same printer with the serial number read from it, so that later HTTP calls need not ask M115 again.</summary>
    public FlashForgeConnectionOptions WithSerialNumber(string serialNumber) =>
        WithCredential(Credential is null ? null : new NetworkCredential(serialNumber, Credential.SecurePassword));

    private FlashForgeConnectionOptions WithCredential(NetworkCredential? credential) => new(Address)
    {
        Timeout = Timeout,
        Credential = credential,
        Known = Known,
        TcpPort = TcpPort,
        HttpPort = HttpPort,
        Probed = Probed,
    };

    public int HttpPort { get; init; } = FlashForgeHttpClient.DefaultPort;
}
