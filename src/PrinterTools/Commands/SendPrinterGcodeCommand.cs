using System;
using System.Collections.Generic;
using System.Management.Automation;
using PrinterTools.Vendors;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// Send-PrinterGcode: sends G-code lines, from -Gcode or the pipeline, and writes each reply.
/// One control session per printer serves the whole pipeline; it is released at the end, on
/// error and on Ctrl+C. Raw G-code moves axes and heats, so every line goes through ShouldProcess.
/// After a line fails, goes unanswered or is refused by the printer ("Error ..."), no further
/// line goes to that printer: its reply may still be on the way, and the next motion or heating
/// line must not act on a printer in an unknown state (a G1 after a refused G28, say).
/// </summary>
[Cmdlet(VerbsCommunications.Send, "PrinterGcode", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PrinterGcodeReply))]
public sealed class SendPrinterGcodeCommand : PrinterConnectionCmdletBase
{
    // One connection per printer for the whole pipeline; null after it failed (its error was written).
    private readonly Dictionary<string, PrinterConnection?> _sessions = new(StringComparer.OrdinalIgnoreCase);
    // Lines each printer has answered, for the error that ends its share of the pipeline.
    private readonly Dictionary<string, int> _answered = new(StringComparer.OrdinalIgnoreCase);

    [Parameter(ParameterSetName = PrinterSet, Mandatory = true, Position = 0)]
    [PrinterInfoTransformation]
    [ValidateNotNullOrEmpty]
    public PrinterInfo[] Printer { get; set; } = Array.Empty<PrinterInfo>();

    [Parameter(ParameterSetName = AddressSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Address { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = AddressSet)]
    public PrinterVendor? Vendor { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [GcodeLines]
    [AllowEmptyString]
    public string[] Gcode { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait for each line's reply (homing takes a while).</summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 15;

    /// <summary>Sends without asking for confirmation (for scheduled tasks); -WhatIf still wins.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var line in Gcode)
        {
            string? command;
            try
            {
                command = PrinterGcode.Normalize(line);
            }
            catch (FormatException e)
            {
                WriteError(new ErrorRecord(new ArgumentException(e.Message, nameof(Gcode), e), Internal.PrinterErrors.InvalidArgument, ErrorCategory.InvalidArgument, line));
                continue;
            }
            if (command is null)
            {
                continue; // blank or comment only: nothing to send
            }
            foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
            {
                Send(target, errorTarget, command);
            }
        }
    }

    private void Send(PrinterTarget target, object errorTarget, string command)
    {
        if (!ShouldProcessUnlessForced(Force, target.Address, $"Send G-code '{command}'"))
        {
            return;
        }
        if (!_sessions.TryGetValue(target.Address, out var session))
        {
            _sessions[target.Address] = session = Open(target, errorTarget);
        }
        if (session is null)
        {
            return; // this printer failed earlier: its later lines are skipped, the others go on
        }
        var answered = _answered.TryGetValue(target.Address, out var count) ? count : 0;
        PrinterGcodeReply reply;
        try
        {
            reply = Await(token => session.SendGcodeAsync(command, token));
        }
        catch (PrinterException e)
        {
            StopSendingTo(target, session, new PrinterException(e.Kind, e.Address, $"{e.Message} {Failed(target, answered, command)}", e), errorTarget);
            return;
        }
        _answered[target.Address] = answered + 1;
        WriteObject(reply);
        if (!reply.Succeeded)
        {
            StopSendingTo(target, session, new PrinterException(PrinterErrorKind.CommandRefused, target.Address,
                $"{target.Address} refused '{command}': '{reply.Response}'. {Failed(target, answered, command)}"), errorTarget);
        }
    }

    private static string Failed(PrinterTarget target, int answered, string command) =>
        $"Line {answered + 1} ('{command}') failed after {answered} answered line(s); no further lines are sent to {target.Address}.";

    /// <summary>Releases the printer's session at once and writes why its share of the pipeline ends.</summary>
    private void StopSendingTo(PrinterTarget target, PrinterConnection session, PrinterException why, object errorTarget)
    {
        _sessions[target.Address] = null;
        session.Dispose();
        WritePrinterError(why, errorTarget);
    }

    private PrinterConnection? Open(PrinterTarget target, object errorTarget)
    {
        try
        {
            var credential = AccessCredential();
            var timeout = TimeSpan.FromSeconds(Timeout);
            return Await(token => PrinterVendors.OpenAsync(target, credential, timeout, "sends G-code to", token));
        }
        catch (PrinterException e)
        {
            WritePrinterError(e, errorTarget);
            return null;
        }
    }

    protected override void EndProcessing()
    {
        ReleaseAll();
        base.EndProcessing();
    }

    /// <summary>After a Ctrl+C or a terminating error: whatever is still held is released here.</summary>
    public override void Dispose()
    {
        ReleaseAll();
        base.Dispose();
    }

    /// <summary>
    /// M602 for every session taken, all at once, so that Ctrl+C over many silent printers still
    /// ends promptly. Runs at the end, and via Dispose.
    /// </summary>
    private void ReleaseAll()
    {
        var releases = new List<System.Threading.Tasks.Task>();
        foreach (var session in _sessions.Values)
        {
            if (session is not null)
            {
                releases.Add(session.CloseAsync());
            }
        }
        _sessions.Clear();
        System.Threading.Tasks.Task.WhenAll(releases).GetAwaiter().GetResult();
    }
}
