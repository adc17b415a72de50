using System;
using System.Collections.Generic;
using System.Net;
using PrinterTools.Simulator.Elegoo;

namespace PrinterTools.Simulator;

/// <summary>
/// What one virtual Elegoo (SDCP V3) printer is and does. Tests may change any property while the printer runs:
/// every access takes a lock and each frame reads one consistent snapshot. Identity and behaviour left unset fall
/// back to the defaults of the chosen <see cref="Family"/>. How a job advances is in ElegooPrinterOptions.Job.cs.
/// </summary>
public sealed partial class ElegooPrinterOptions
{
    private readonly object _gate = new();

    private IPAddress _address = IPAddress.Loopback;
    private ElegooFamily _family = ElegooFamily.CentauriCarbon;
    private string? _name;
    private string? _mainboardId;
    private string? _firmware;
    private string? _machineName;
    private string? _macAddress;
    private string? _currentFile;
    private int _currentLayer;
    private int _totalLayers;
    private TimeSpan _estimatedPrintTime = TimeSpan.FromHours(1);
    private double _nozzleTemperature = 24.0;
    private double _nozzleTarget;
    private double _bedTemperature = 23.5;
    private double _bedTarget;
    private double _chamberTemperature = 22.8;
    private double _chamberTarget;
    private bool _lightOn = true;
    private int _modelFan;
    private int _auxiliaryFan;
    private int _boxFan;
    private int _printSpeedPercent = 100;
    private bool _timeLapse;
    private double _uvLedTemperature = 26.4;
    private double? _tankTemperature;
    private double? _tankTarget;
    private IReadOnlyList<string> _storedFiles = Array.Empty<string>();
    private int _maxWebSocketClients = 5;
    private TimeSpan? _idleClose;
    private bool _idleCloseSet;
    private TimeSpan _fileCheckDuration = TimeSpan.FromMilliseconds(200);
    private TimeSpan _busyAfterUpload = TimeSpan.Zero;
    private bool _listenForDiscovery = true;
    private TimeSpan _discoveryDelay = TimeSpan.FromMilliseconds(90);
    private int? _httpPort;
    private ElegooFault _fault = ElegooFault.None;
    private TimeSpan _latency = TimeSpan.Zero;

    /// <summary>Loopback IPv4 address the printer binds (every port on it). Default 127.0.0.1.</summary>
    public IPAddress Address { get => Get(ref _address); set => Set(ref _address, value ?? throw new ArgumentNullException(nameof(value))); }

    /// <summary>The family, read at start for the ports and the camera; it picks every default below.</summary>
    public ElegooFamily Family { get => Get(ref _family); set => Set(ref _family, value); }

    /// <summary>User-editable name (discovery and attributes <c>Name</c>; Cmd 192 renames).</summary>
    public string Name { get => Get(ref _name) ?? Defaults.Name; set => Set(ref _name, value); }

    /// <summary>MainboardID: 32 hex on the CC, 16 hex on resin (§2); the Topic suffix of every frame.</summary>
    public string MainboardId { get => Get(ref _mainboardId) ?? Defaults.MainboardId; set => Set(ref _mainboardId, value); }

    /// <summary>FirmwareVersion as reported, with its "V" ("V1.1.46", "V1.1.9").</summary>
    public string Firmware { get => Get(ref _firmware) ?? Defaults.Firmware; set => Set(ref _firmware, value); }

    public string MachineName { get => Get(ref _machineName) ?? Defaults.MachineName; set => Set(ref _machineName, value); }

    /// <summary>MainboardMAC of the CC's attributes; resin printers report none.</summary>
    public string? MacAddress { get => Get(ref _macAddress) ?? Defaults.MacAddress; set => Set(ref _macAddress, value); }

    /// <summary>File of the current or last job, a plain name on /local (reported without the /local/ prefix, as the captures do).</summary>
    public string? CurrentFile { get => Get(ref _currentFile); set => Set(ref _currentFile, value); }

    /// <summary>Follows the progress while a job advances (<see cref="JobDuration"/>); a value set meanwhile is overwritten.</summary>
    public int CurrentLayer { get => Get(ref _currentLayer); set => Set(ref _currentLayer, value); }

    public int TotalLayers { get => Get(ref _totalLayers); set => Set(ref _totalLayers, value); }

    /// <summary>The job length reported as TotalTicks while <see cref="JobDuration"/> is null (s on the CC, ms on resin, §7.2).</summary>
    public TimeSpan EstimatedPrintTime { get => Get(ref _estimatedPrintTime); set => Set(ref _estimatedPrintTime, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    public double NozzleTemperature { get => Get(ref _nozzleTemperature); set => Set(ref _nozzleTemperature, value); }

    public double NozzleTarget { get => Get(ref _nozzleTarget); set => Set(ref _nozzleTarget, value); }

    public double BedTemperature { get => Get(ref _bedTemperature); set => Set(ref _bedTemperature, value); }

    public double BedTarget { get => Get(ref _bedTarget); set => Set(ref _bedTarget, value); }

    /// <summary>TempOfBox on the CC (the enclosure).</summary>
    public double ChamberTemperature { get => Get(ref _chamberTemperature); set => Set(ref _chamberTemperature, value); }

    public double ChamberTarget { get => Get(ref _chamberTarget); set => Set(ref _chamberTarget, value); }

    /// <summary>The CC's LightStatus.SecondLight; Cmd 403 sets it.</summary>
    public bool LightOn { get => Get(ref _lightOn); set => Set(ref _lightOn, value); }

    /// <summary>The CC's CurrentFanSpeed.ModelFan in percent (§7.1); Cmd 403 TargetFanSpeed sets it.</summary>
    public int ModelFan { get => Get(ref _modelFan); set => Set(ref _modelFan, value); }

    /// <summary>CurrentFanSpeed.AuxiliaryFan, the side fan.</summary>
    public int AuxiliaryFan { get => Get(ref _auxiliaryFan); set => Set(ref _auxiliaryFan, value); }

    /// <summary>CurrentFanSpeed.BoxFan, the enclosure fan.</summary>
    public int BoxFan { get => Get(ref _boxFan); set => Set(ref _boxFan, value); }

    /// <summary>The CC's PrintInfo.PrintSpeedPct; Cmd 403 sets it.</summary>
    public int PrintSpeedPercent { get => Get(ref _printSpeedPercent); set => Set(ref _printSpeedPercent, value); }

    /// <summary>TimeLapseStatus; Cmd 387 sets it.</summary>
    public bool TimeLapse { get => Get(ref _timeLapse); set => Set(ref _timeLapse, value); }

    /// <summary>Resin TempOfUVLED (s4u-v1.1.9-status-push-*.json).</summary>
    public double UvLedTemperature { get => Get(ref _uvLedTemperature); set => Set(ref _uvLedTemperature, value); }

    /// <summary>Resin TempOfTank; null (default) leaves it out, as the V1.1.9 captures do (the 16K reports it, §7.1).</summary>
    public double? TankTemperature { get => Get(ref _tankTemperature); set => Set(ref _tankTemperature, value); }

    /// <summary>Resin TempTargetTank, sent with <see cref="TankTemperature"/>.</summary>
    public double? TankTarget { get => Get(ref _tankTarget); set => Set(ref _tankTarget, value); }

    /// <summary>
    /// Names of the files on /local, most recent first. Files named here get generated content and one finished
    /// task each in the history (Cmd 320/321); uploads put their name in front, Cmd 259 removes names.
    /// </summary>
    public IReadOnlyList<string> StoredFiles { get => Get(ref _storedFiles); set => Set(ref _storedFiles, value ?? Array.Empty<string>()); }

    /// <summary>WebSockets open at once before a handshake is answered HTTP 500 <c>too many client</c> (§3.6: 5 on the CC).</summary>
    public int MaxWebSocketClients { get => Get(ref _maxWebSocketClients); set => Set(ref _maxWebSocketClients, Math.Max(0, value)); }

    /// <summary>
    /// A WebSocket with no client text frame for this long is dropped without a close frame (§3.5: ~60 s on the
    /// CC, code 1006). Null: never (resin, the default there). Read at each frame.
    /// </summary>
    public TimeSpan? IdleClose
    {
        get { lock (_gate) { return _idleCloseSet ? _idleClose : Defaults.IdleClose; } }
        set { lock (_gate) { _idleClose = value is { } t && t <= TimeSpan.Zero ? null : value; _idleCloseSet = true; } }
    }

    /// <summary>How long a finished upload is verified (CurrentStatus [8] CC / [2] resin, §6.1) before it is stored or rejected.</summary>
    public TimeSpan FileCheckDuration { get => Get(ref _fileCheckDuration); set => Set(ref _fileCheckDuration, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>Resin: Cmd 128 answers Ack 1 (busy) this long after an upload was stored (§4: ~15 s on the S4U), on <see cref="Clock"/>.</summary>
    public TimeSpan BusyAfterUpload { get => Get(ref _busyAfterUpload); set => Set(ref _busyAfterUpload, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>False: no UDP 3000 socket is bound (read at start), so no probe is answered, not even on a farm's segment.</summary>
    public bool ListenForDiscovery { get => Get(ref _listenForDiscovery); set => Set(ref _listenForDiscovery, value); }

    /// <summary>Delay before a discovery reply (§2: a CC answered ~87 ms after the probe).</summary>
    public TimeSpan DiscoveryDelay { get => Get(ref _discoveryDelay); set => Set(ref _discoveryDelay, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>
    /// Port of the upload, download and board-resource routes, read at start: CC 80 (§1, elegoo-link), resin 3030.
    /// When the CC cannot bind 80 (access denied), the routes move to 3030: see VirtualElegooPrinter.UploadPort.
    /// </summary>
    public int HttpPort { get => Get(ref _httpPort) ?? Defaults.HttpPort; set => Set(ref _httpPort, value is >= 1 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A TCP port is 1 to 65535.")); }

    public ElegooFault Fault { get => Get(ref _fault); set => Set(ref _fault, value); }

    /// <summary>Delay before every reply: WebSocket answers, HTTP replies and discovery (added to <see cref="DiscoveryDelay"/>).</summary>
    public TimeSpan Latency { get => Get(ref _latency); set => Set(ref _latency, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    internal ElegooFamilyDefaults Defaults => ElegooFamilyDefaults.For(Family);

    private T Get<T>(ref T field)
    {
        lock (_gate)
        {
            Settle(); // a job may have moved on since the last read
            return field;
        }
    }

    private void Set<T>(ref T field, T value)
    {
        lock (_gate)
        {
            field = value;
        }
    }
}
