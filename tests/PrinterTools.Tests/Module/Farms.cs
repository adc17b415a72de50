using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using PrinterTools.Simulator;

namespace PrinterTools.Tests.Module;

/// <summary>A virtual farm on its own loopback range plus a module session, shared by one test class.</summary>
public abstract class FarmFixture : IDisposable
{
    protected FarmFixture(IEnumerable<FlashForgePrinterOptions> printers)
    {
        Farm = VirtualPrinterFarm.StartAsync(printers).GetAwaiter().GetResult();
        Session = new ModuleSession();
    }

    public VirtualPrinterFarm Farm { get; }
    public ModuleSession Session { get; }

    public VirtualFlashForgePrinter this[int index] => Farm.Printers[index];

    public VirtualFlashForgePrinter At(string address) => Farm.Printers.Single(p => p.Address.ToString() == address);

    /// <summary>The farm's addresses as a PowerShell array literal: '127.R.60.10','127.R.60.11'.</summary>
    public string AddressList => string.Join(",", Farm.Addresses.Select(a => $"'{a}'"));

    public static FlashForgePrinterOptions Printer(string address, FlashForgeModel model, Action<FlashForgePrinterOptions>? configure = null)
    {
        var options = new FlashForgePrinterOptions { Address = IPAddress.Parse(address), Model = model };
        configure?.Invoke(options);
        return options;
    }

    public void Dispose()
    {
        Session.Dispose();
        Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// A farm of every vendor on one /24 of its own (127.R.x.host) plus a module session, shared by one test class;
/// its printers are found by their last octet.
/// </summary>
public abstract class MixedFarmFixture : IDisposable
{
    protected MixedFarmFixture((FlashForgePrinterOptions[] FlashForge, ElegooPrinterOptions[] Elegoo, CrealityPrinterOptions[] Creality) printers)
    {
        Farm = VirtualPrinterFarm.StartAsync(printers.FlashForge, printers.Elegoo, printers.Creality, null).GetAwaiter().GetResult();
        Session = new ModuleSession();
    }

    public VirtualPrinterFarm Farm { get; }
    public ModuleSession Session { get; }

    public VirtualFlashForgePrinter FlashForgeAt(int host) => Farm.Printers.Single(p => p.Address.GetAddressBytes()[3] == host);
    public VirtualElegooPrinter ElegooAt(int host) => Farm.ElegooPrinters.Single(p => p.Address.GetAddressBytes()[3] == host);
    public VirtualCrealityPrinter CrealityAt(int host) => Farm.CrealityPrinters.Single(p => p.Address.GetAddressBytes()[3] == host);

    /// <summary>A FlashForge printer's serial number and check code, as the -Credential of a script run with parameters.</summary>
    public Dictionary<string, object?> CredentialOf(int host)
    {
        var options = FlashForgeAt(host).Options;
        return new() { ["credential"] = new PSCredential(options.SerialNumber, ModuleSession.Secure(options.CheckCode)) };
    }

    public void Dispose()
    {
        Session.Dispose();
        Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>The default demo farm (A4 idle, 5M Pro printing, paused, completed) on 127.R.60.10-13.</summary>
public sealed class DefaultFarmFixture : FarmFixture
{
    public DefaultFarmFixture() : base(DefaultFarm.Create(IPAddress.Parse($"{TestNet.Block}.60.10"))) { }
}
