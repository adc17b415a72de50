using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PrinterTools.Simulator;

/// <summary>
/// What one virtual FlashForge printer is and does. Tests may change any property while the printer runs:
/// every access takes a lock, and the servers read one consistent <see cref="PrinterSnapshot"/> per reply.
/// Identity properties left unset fall back to defaults of the chosen <see cref="Model"/>. How a job advances
/// is in FlashForgePrinterOptions.Job.cs.
/// </summary>
public sealed partial class FlashForgePrinterOptions
{
    private readonly object _gate = new();

    private IPAddress _address = IPAddress.Loopback;
    private FlashForgeModel _model = FlashForgeModel.Adventurer5MPro;
    private string? _name;
    private string? _serialNumber;
    private string? _checkCode;
    private string? _macAddress;
    private string? _firmware;
    private int? _productId;
    private VirtualJobState _state = VirtualJobState.Idle;
    private string? _currentFile;
    private int _currentLayer;
    private int _totalLayers;
    private double _nozzleTemperature = 22.0;
    private double _nozzleTarget;
    private double _bedTemperature = 21.0;
    private double _bedTarget;
    private double _chamberTemperature;
    private double _chamberTarget;
    private bool _lightOn = true;
    private int _coolingFan;
    private int _chamberFan;
    private bool _fanHasSpeed = true;
    private string? _machineType;
    private TimeSpan _latency = TimeSpan.Zero;
    private TimeSpan _slowDripByteDelay = DefaultSlowDripByteDelay;
    private FlashForgeFault _fault = FlashForgeFault.None;
    private bool _answerDiscovery = true;
    private bool _listenForDiscovery = true;
    private IReadOnlyList<int> _silentPorts = Array.Empty<int>();
    private TimeSpan? _printDuration;
    private TimeSpan? _estimatedTime;
    private IReadOnlyList<string> _storedFiles = Array.Empty<string>();
    private long _freeSpaceBytes = DefaultFreeSpaceBytes;

    /// <summary>Free storage a printer starts with unless told otherwise: 4 GiB.</summary>
    public const long DefaultFreeSpaceBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>Gap between the bytes of a reply under <see cref="FlashForgeFault.SlowDrip"/> unless told otherwise.</summary>
    public static readonly TimeSpan DefaultSlowDripByteDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of <see cref="SlowDripByteDelay"/>, so a dripping reply always keeps moving.</summary>
    public static readonly TimeSpan MaxSlowDripByteDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Loopback IPv4 address the printer binds (every port on it). Default 127.0.0.1.</summary>
    public IPAddress Address { get => Get(ref _address); set => Set(ref _address, value ?? throw new ArgumentNullException(nameof(value))); }

    public FlashForgeModel Model { get => Get(ref _model); set => Set(ref _model, value); }

    /// <summary>User-editable machine name (M115 "Machine Name", discovery name, /detail name).</summary>
    public string Name { get => Get(ref _name) ?? ModelDefaults.For(Model).Name; set => Set(ref _name, value); }

    /// <summary>Serial number with its "SN" prefix, as printers report it (notes §3.1).</summary>
    public string SerialNumber { get => Get(ref _serialNumber) ?? ModelDefaults.For(Model).SerialNumber; set => Set(ref _serialNumber, value); }

    /// <summary>LAN-mode check code the HTTP API demands (notes §3.1: 8 digits per ff-5mp-hass).</summary>
    public string CheckCode { get => Get(ref _checkCode) ?? ModelDefaults.For(Model).CheckCode; set => Set(ref _checkCode, value); }

    public string MacAddress { get => Get(ref _macAddress) ?? ModelDefaults.For(Model).MacAddress; set => Set(ref _macAddress, value); }

    /// <summary>Firmware version without the "v" (M115 prints "v" + this; /detail prints it as is).</summary>
    public string Firmware { get => Get(ref _firmware) ?? ModelDefaults.For(Model).Firmware; set => Set(ref _firmware, value); }

    /// <summary>PID in discovery and /detail (notes §1.3).</summary>
    public int ProductId { get => Get(ref _productId) ?? ModelDefaults.For(Model).ProductId; set => Set(ref _productId, value); }

    /// <summary>Setting Printing starts the <see cref="JobDuration"/> clock, any other state stops it.</summary>
    public VirtualJobState State { get => Get(ref _state); set => Change(() => _state = value); }

    /// <summary>File of the current or last job; reported while <see cref="State"/> is Printing, Paused or Completed.</summary>
    public string? CurrentFile { get => Get(ref _currentFile); set => Set(ref _currentFile, value); }

    /// <summary>0-100; advances by itself while printing when <see cref="JobDuration"/> is set.</summary>
    public int ProgressPercent { get => PrinterSnapshot.Percent(Get(ref _progress)); set => Change(() => _progress = Math.Clamp(value, 0, 100) / 100.0); }

    /// <summary>Follows the progress while a job advances (<see cref="JobDuration"/>); a value set meanwhile is overwritten.</summary>
    public int CurrentLayer { get => Get(ref _currentLayer); set => Set(ref _currentLayer, value); }

    public int TotalLayers { get => Get(ref _totalLayers); set => Set(ref _totalLayers, value); }

    public double NozzleTemperature { get => Get(ref _nozzleTemperature); set => Set(ref _nozzleTemperature, value); }

    public double NozzleTarget { get => Get(ref _nozzleTarget); set => Set(ref _nozzleTarget, value); }

    public double BedTemperature { get => Get(ref _bedTemperature); set => Set(ref _bedTemperature, value); }

    public double BedTarget { get => Get(ref _bedTarget); set => Set(ref _bedTarget, value); }

    public double ChamberTemperature { get => Get(ref _chamberTemperature); set => Set(ref _chamberTemperature, value); }

    public double ChamberTarget { get => Get(ref _chamberTarget); set => Set(ref _chamberTarget, value); }

    public bool LightOn { get => Get(ref _lightOn); set => Set(ref _lightOn, value); }

    /// <summary>
    /// The cooling (part) fan in percent: /detail coolingFanSpeed (§3.3); printerCtl_cmd coolingFan, M106 S&lt;0-255&gt;
    /// and M107 set it (§2.3, §3.4). No console reply reports it.
    /// </summary>
    public int CoolingFan { get => Get(ref _coolingFan); set => Set(ref _coolingFan, Math.Clamp(value, 0, 100)); }

    /// <summary>/detail chamberFanSpeed in percent; printerCtl_cmd chamberFan sets it.</summary>
    public int ChamberFan { get => Get(ref _chamberFan); set => Set(ref _chamberFan, Math.Clamp(value, 0, 100)); }

    /// <summary>False plays the Adventurer 3, whose M106 only switches the fan on (full), whatever S says (§2.3).</summary>
    public bool FanHasSpeed { get => Get(ref _fanHasSpeed); set => Set(ref _fanHasSpeed, value); }

    /// <summary>M115's Machine Type line after "Machine Type: ", e.g. "FlashForge Adventurer III"; null: the model's own.</summary>
    public string? MachineType { get => Get(ref _machineType); set => Set(ref _machineType, value); }

    /// <summary>
    /// One network round trip: the delay before every console (TCP 8899) reply, HTTP reply and discovery reply.
    /// A new TCP connection costs one more, as its handshake does on a real LAN and does not on loopback: the
    /// console and the camera start reading a connection only this long after accepting it (the value at that
    /// moment; the camera adds no latency of its own to its answer), and an HTTP request that is the first of its
    /// connection waits twice this long. A console client that connects and asks at once so has its first reply
    /// 2 × Latency after the connect, each later one 1 × Latency after its request. Zero changes nothing.
    /// </summary>
    public TimeSpan Latency { get => Get(ref _latency); set => Set(ref _latency, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    public FlashForgeFault Fault { get => Get(ref _fault); set => Change(() => _fault = value); }

    /// <summary>
    /// Gap between bytes under <see cref="FlashForgeFault.SlowDrip"/>: default 50 ms, kept between 1 ms and
    /// <see cref="MaxSlowDripByteDelay"/>.
    /// </summary>
    public TimeSpan SlowDripByteDelay
    {
        get => Get(ref _slowDripByteDelay);
        set => Set(ref _slowDripByteDelay, value < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1)
            : value > MaxSlowDripByteDelay ? MaxSlowDripByteDelay : value);
    }

    /// <summary>False: the printer ignores discovery probes (like the 3C in FlashForgeUI-Electron#54).</summary>
    public bool AnswerDiscovery { get => Get(ref _answerDiscovery); set => Set(ref _answerDiscovery, value); }

    /// <summary>
    /// False: the printer binds no UDP discovery socket at all (read at start), so it answers no probe, not even on
    /// the farm's segment. Saves two or three file descriptors a printer in farms of thousands; to keep the sockets
    /// and ignore probes, use <see cref="AnswerDiscovery"/>.
    /// </summary>
    public bool ListenForDiscovery { get => Get(ref _listenForDiscovery); set => Set(ref _listenForDiscovery, value); }

    /// <summary>
    /// TCP ports (read at start) where the printer listens on its address but never accepts, its accept queue kept
    /// full: a client's connection attempt is dropped without an answer and its connect hangs until the client gives
    /// up, as at a firewalled port (an Elegoo's 3030 or a Creality's 9999 probed on a FlashForge). Default none; a
    /// port the printer serves (8899, and 8898 and 8080 on the 5M Pro) is refused at start. Relies on how Linux drops
    /// SYNs at a full accept queue; elsewhere a connect may be refused instead.
    /// </summary>
    public IReadOnlyList<int> SilentPorts
    {
        get => Get(ref _silentPorts);
        set => Set(ref _silentPorts, ValidPorts(value ?? throw new ArgumentNullException(nameof(value))));
    }

    /// <summary>Elapsed job time for /detail printDuration; null derives it from progress (of <see cref="JobDuration"/>, or a 1 h job).</summary>
    public TimeSpan? PrintDuration { get => Get(ref _printDuration); set => Set(ref _printDuration, value); }

    /// <summary>Remaining job time for /detail estimatedTime; null derives it from progress (of <see cref="JobDuration"/>, or a 1 h job).</summary>
    public TimeSpan? EstimatedTime { get => Get(ref _estimatedTime); set => Set(ref _estimatedTime, value); }

    /// <summary>
    /// Names of the files on the printer, most recent first (HTTP /gcodeList shows the first 10, M661 all).
    /// Files named here get generated content; uploads put their name in front. Only stored files can be
    /// printed (M23, /printGcode). Setting a new list while running adds and removes files to match it.
    /// </summary>
    public IReadOnlyList<string> StoredFiles { get => Get(ref _storedFiles); set => Set(ref _storedFiles, value ?? Array.Empty<string>()); }

    /// <summary>
    /// Free storage in bytes (default 4 GiB), reported in /detail remainingDiskSpace (GB, notes §3.3). An upload
    /// larger than this is refused; each stored upload uses it up (replacing a file gives the old size back).
    /// </summary>
    public long FreeSpaceBytes { get => Get(ref _freeSpaceBytes); set => Set(ref _freeSpaceBytes, Math.Max(0, value)); }

    private static int[] ValidPorts(IEnumerable<int> ports)
    {
        int[] copy = ports.Distinct().ToArray(); // a copy: the caller's list may change later
        int bad = Array.FindIndex(copy, p => p is < 1 or > 65535);
        return bad < 0 ? copy : throw new ArgumentOutOfRangeException(nameof(SilentPorts), copy[bad], "A TCP port is 1 to 65535.");
    }

    /// <summary>One consistent copy of everything a reply needs.</summary>
    internal PrinterSnapshot Snapshot()
    {
        lock (_gate)
        {
            Settle();
            ModelDefaults defaults = ModelDefaults.For(_model);
            return new PrinterSnapshot(
                _address, _model, _name ?? defaults.Name, _serialNumber ?? defaults.SerialNumber,
                _checkCode ?? defaults.CheckCode, _macAddress ?? defaults.MacAddress,
                (_firmware ?? defaults.Firmware).TrimStart('v', 'V'), _productId ?? defaults.ProductId,
                _state, _currentFile, _progress, _currentLayer, _totalLayers, _jobDuration,
                _nozzleTemperature, _nozzleTarget, _bedTemperature, _bedTarget, _chamberTemperature, _chamberTarget,
                _lightOn, _coolingFan, _chamberFan, _machineType, _latency, _slowDripByteDelay, _fault, _answerDiscovery, _printDuration, _estimatedTime, _storedFiles, _freeSpaceBytes);
        }
    }

    /// <summary>Changes several properties at once so no reply sees half of the change.</summary>
    internal void Update(Action<FlashForgePrinterOptions> change)
    {
        // The lock is re-entrant, so the property setters inside the change take it again harmlessly.
        lock (_gate)
        {
            change(this);
        }
    }

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
