using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace PrinterTools.Commands;

/// <summary>
/// The base of cmdlets that talk to given printers: LAN-mode access (-Credential or -AccessCode)
/// and turning -Printer / -Address into targets. Each cmdlet declares its own -Printer, -Address
/// and -Vendor, because which of them takes pipeline input differs (Send-PrinterGcode's pipeline
/// carries G-code lines).
/// </summary>
public abstract class PrinterConnectionCmdletBase : PrinterCmdletBase
{
    protected const string PrinterSet = "Printer";
    protected const string AddressSet = "Address";

    /// <summary>FlashForge LAN mode: user name = serial number, password = check code.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The check code alone; the serial number is read from the printer.</summary>
    [Parameter]
    public SecureString? AccessCode { get; set; }

    protected override void BeginProcessing()
    {
        if (Credential is not null && AccessCode is not null)
        {
            ThrowArgumentError("Give either -Credential or -AccessCode, not both.", nameof(AccessCode), null);
        }
    }

    /// <summary>User name = serial number (empty with -AccessCode), password = check code; null without either.</summary>
    protected NetworkCredential? AccessCredential()
    {
        if (Credential is not null)
        {
            return new NetworkCredential(Credential.UserName, Credential.Password);
        }
        return AccessCode is null ? null : new NetworkCredential("", AccessCode);
    }

    /// <summary>The printers named by -Printer or -Address, each with what its errors should point at.</summary>
    protected IEnumerable<(PrinterTarget Target, object ErrorTarget)> Targets(PrinterInfo[]? printers, string[]? addresses, PrinterVendor? vendor)
    {
        if (ParameterSetName == PrinterSet)
        {
            foreach (var printer in printers ?? Array.Empty<PrinterInfo>())
            {
                yield return (new PrinterTarget(printer.Address, printer.Vendor, printer), printer);
            }
        }
        else
        {
            foreach (var address in addresses ?? Array.Empty<string>())
            {
                yield return (new PrinterTarget(address, vendor), address);
            }
        }
    }
}
