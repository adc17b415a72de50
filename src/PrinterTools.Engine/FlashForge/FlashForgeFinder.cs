using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;

namespace PrinterTools.FlashForge;

/// <summary>
/// FlashForge's part of Find-Printer: UDP discovery, completed from each console's M115, and
/// hosts named with -Address asked over TCP at the same time (some answer no UDP probe).
/// </summary>
internal static class FlashForgeFinder
{
    public static async Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var hosts = request.ResolvedHosts;
        // Some printers (an Adventurer 3C, for one) answer no UDP probe but do serve TCP 8899: a
        // host the user named is asked over TCP at the same time, so both fit in one -Timeout.
        using var stop = new CancellationTokenSource();
        var named = hosts.GroupBy(h => h.Address).Select(g => new NamedHost(g.First().Name, g.Key)).ToList();
        var byAddress = named.ToDictionary(h => h.Address.ToString());
        void Resolved(NamedHost host)
        {
            host.Resolved = true;
            // Only named hosts were asked: once each is known, there is nothing left to wait for.
            if (request.SubnetAddresses.Count == 0 && named.All(h => h.Resolved))
            {
                stop.Cancel();
            }
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var overTcp = named.Select(host => AskOverTcpAsync(host, request, clock, cancel, printer => { found(printer); Resolved(host); })).ToList();

        // The UDP reply names no firmware or MAC address (and a legacy one no serial number, and its
        // product id only hints at the model): each printer that answers is asked M115 too, within
        // the same -Timeout, so Find-Printer reports what Get-PrinterStatus will.
        var completing = new List<Task>();
        using var throttle = new SemaphoreSlim(ConsoleQuestionsAtOnce);
        var answered = await FlashForgeDiscovery.DiscoverRepliesAsync(request, named.Select(h => h.Address).ToList(), (address, reply) =>
        {
            byAddress.TryGetValue(address.ToString(), out var host);
            host?.AnsweredOverUdp.TrySetResult(true);
            // Off the receive loop, which must keep draining the socket while a farm answers.
            completing.Add(Task.Run(() => CompleteOverTcpAsync(address.ToString(), reply, host, request, clock, throttle, cancel, printer =>
            {
                found(printer);
                if (host is not null)
                {
                    Resolved(host);
                }
            })));
        }, problem, cancel, stop.Token).ConfigureAwait(false);
        foreach (var host in named)
        {
            host.AnsweredOverUdp.TrySetResult(answered.Contains(host.Address));
        }
        await Task.WhenAll(completing).ConfigureAwait(false);
        await Task.WhenAll(overTcp).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        foreach (var host in named.Where(h => !h.Resolved && h.Failure is not null))
        {
            problem(new PrinterException(host.Failure!.Kind, host.Name, $"No printer answered at {host.Name}: {host.Failure.Message}", host.Failure));
        }
    }

    /// <summary>How long a TCP answer waits for the same host's UDP reply, which is preferred (it arrives in about a millisecond).</summary>
    private static readonly TimeSpan UdpPreferredFor = TimeSpan.FromSeconds(0.5);

    private sealed class NamedHost
    {
        public NamedHost(string name, IPAddress address)
        {
            Name = name;
            Address = address;
        }

        public string Name { get; }
        public IPAddress Address { get; }
        public TaskCompletionSource<bool> AnsweredOverUdp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>What the console said to M115, null if it did not answer: asked once, used by both paths.</summary>
        public TaskCompletionSource<FlashForgeMachineInfo?> Console { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Resolved;
        public PrinterException? Failure;
    }

    /// <summary>
    /// Asks a named host's console M115 while discovery listens for its UDP reply. The answer
    /// completes the UDP result when that comes; without one soon after, it is the result.
    /// </summary>
    private static async Task AskOverTcpAsync(NamedHost host, DiscoveryRequest request, System.Diagnostics.Stopwatch clock, CancellationToken cancel, Action<PrinterInfo> found)
    {
        var address = host.Address.ToString();
        FlashForgeMachineInfo info;
        try
        {
            info = await FlashForgeConsole.ReadAsync(new FlashForgeConnectionOptions(address) { Timeout = request.Timeout }, "M115", cancel,
                (tcp, token) => FlashForgeConsole.MachineInfoAsync(tcp, request.Timeout, token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PrinterException or OperationCanceledException)
        {
            host.Failure = e as PrinterException;
            host.Console.TrySetResult(null);
            return;
        }
        host.Console.TrySetResult(info);
        var left = request.Timeout - clock.Elapsed;
        var grace = left < UdpPreferredFor ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : UdpPreferredFor;
        if (await Task.WhenAny(host.AnsweredOverUdp.Task, Task.Delay(grace, cancel)).ConfigureAwait(false) == host.AnsweredOverUdp.Task
            && host.AnsweredOverUdp.Task.Result)
        {
            return; // the UDP path reports it, completed with this answer
        }
        if (!cancel.IsCancellationRequested)
        {
            found(FromConsole(address, info));
        }
    }

    /// <summary>How many consoles discovery asks M115 at the same time: as many as a status sweep reads.</summary>
    private const int ConsoleQuestionsAtOnce = FleetLimits.DefaultThrottleLimit;

    /// <summary>
    /// Reports a printer that answered over UDP, completed from its console's M115 (model, serial
    /// number, firmware, MAC address) when that answers before the search's -Timeout runs out; the
    /// UDP reply alone otherwise (a Creator 5 has no console, a console may be busy or filtered).
    /// </summary>
    private static async Task CompleteOverTcpAsync(string address, FlashForgeDiscoveryReply reply, NamedHost? named, DiscoveryRequest request,
        System.Diagnostics.Stopwatch clock, SemaphoreSlim throttle, CancellationToken cancel, Action<PrinterInfo> found)
    {
        var printer = FlashForgeDiscovery.ToPrinterInfo(address, reply);
        if (named is not null)
        {
            // A named host's console is already being asked: one M115 serves both paths.
            if (await named.Console.Task.ConfigureAwait(false) is { } answer)
            {
                printer = WithMachineInfo(printer, answer);
            }
            else
            {
                request.Log?.Invoke($"{address} answered discovery but not M115 on its TCP console; its Firmware and MacAddress are not known.");
            }
            if (!cancel.IsCancellationRequested)
            {
                found(printer);
            }
            return;
        }
        try
        {
            await throttle.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var left = request.Timeout - clock.Elapsed;
                if (left > TimeSpan.Zero && reply.CommandPort > 0)
                {
                    var options = new FlashForgeConnectionOptions(address) { Timeout = left, TcpPort = reply.CommandPort };
                    var info = await FlashForgeConsole.ReadAsync(options, "M115", cancel,
                        (tcp, token) => FlashForgeConsole.MachineInfoAsync(tcp, left, token)).ConfigureAwait(false);
                    printer = WithMachineInfo(printer, info);
                }
                else
                {
                    request.Log?.Invoke($"{address} answered at the end of the search: no time left to ask its console for firmware and MAC address.");
                }
            }
            finally
            {
                throttle.Release();
            }
        }
        catch (PrinterException e)
        {
            request.Log?.Invoke($"{address} answered discovery but not M115 on TCP port {reply.CommandPort} ({e.Message}); its Firmware and MacAddress are not known.");
        }
        catch (OperationCanceledException)
        {
            return; // Ctrl+C
        }
        if (!cancel.IsCancellationRequested)
        {
            found(printer);
        }
    }

    /// <summary>A discovery result completed from M115; the console's Machine Type names the model (see <see cref="FlashForgeModels"/>).</summary>
    public static PrinterInfo WithMachineInfo(PrinterInfo printer, FlashForgeMachineInfo info) => new()
    {
        Name = string.IsNullOrEmpty(printer.Name) ? info.Name ?? printer.Address : printer.Name,
        Vendor = printer.Vendor,
        Model = info.Model ?? printer.Model,
        Address = printer.Address,
        SerialNumber = printer.SerialNumber ?? NullIfEmpty(info.SerialNumber),
        Firmware = NullIfEmpty(info.Firmware) ?? printer.Firmware,
        Protocol = printer.Protocol,
        MacAddress = NullIfEmpty(info.MacAddress) ?? printer.MacAddress,
        Capabilities = printer.Capabilities,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>A printer known from its console's M115 alone (it answered no UDP probe).</summary>
    private static PrinterInfo FromConsole(string address, FlashForgeMachineInfo info)
    {
        var modern = FlashForgeModels.HasHttpApi(info.Model);
        return new PrinterInfo
        {
            Name = info.Name ?? address,
            Vendor = PrinterVendor.FlashForge,
            Model = info.Model,
            Address = address,
            SerialNumber = NullIfEmpty(info.SerialNumber),
            Firmware = NullIfEmpty(info.Firmware),
            MacAddress = NullIfEmpty(info.MacAddress),
            Protocol = modern ? "FlashForge TCP 8899 + HTTP 8898" : "FlashForge TCP 8899",
            Capabilities = FlashForgeDiscovery.Capabilities(modern),
        };
    }
}
