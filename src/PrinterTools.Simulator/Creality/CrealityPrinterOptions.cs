using System;
using System.Collections.Generic;
using System.Net;
using PrinterTools.Simulator.Creality;

namespace PrinterTools.Simulator;

/// <summary>
/// What one virtual Creality printer is and does. Tests may change any property while the printer runs: every
/// access takes a lock and each frame reads one consistent snapshot. Identity and behaviour left unset fall back to
/// the defaults of the chosen <see cref="Model"/>. How a job advances is in CrealityPrinterOptions.Job.cs.
/// </summary>
public sealed partial class CrealityPrinterOptions
{
    private readonly object _gate = new();

    private IPAddress _address = IPAddress.Loopback;
    private CrealityModel _model = CrealityModel.K1C;
    private string? _name;
    private string? _serialNumber;
    private string? _macAddress;
    private string? _firmware;
    private IReadOnlyList<string> _storedFiles = Array.Empty<string>();
    private double _nozzleTemperature = 29.89;
    private int _nozzleTarget;
    private double _bedTemperature = 27.13;
    private int _bedTarget;
    private double _chamberTemperature = 26;
    private int _chamberTarget;
    private bool _lightOn = true;
    private int _modelFan;
    private int _caseFan;
    private int _auxiliaryFan;
    private TimeSpan _pushInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _latency = TimeSpan.Zero;
    private CrealityFault _fault = CrealityFault.None;
    private bool? _legacyFileList;
    private bool? _closeAfterStart;
    private bool _listenForDiscovery = true;
    private int _httpPort = CrealityModelDefaults.HttpPort;

    /// <summary>Loopback IPv4 address the printer binds (every port on it). Default 127.0.0.1.</summary>
    public IPAddress Address { get => Get(ref _address); set => Set(ref _address, value ?? throw new ArgumentNullException(nameof(value))); }

    /// <summary>The model, read at start for the ports and the camera; it picks every default below.</summary>
    public CrealityModel Model { get => Get(ref _model); set => Set(ref _model, value); }

    /// <summary>The hostname the frames report (§1.2); default <c>&lt;model&gt;-&lt;last 4 hex of the MAC&gt;</c>, e.g. K1C-0401.</summary>
    public string Name { get => Get(ref _name) ?? Defaults.Hostname(MacAddress); set => Set(ref _name, value); }

    /// <summary>The SN of the mDNS service name <c>_Creality-&lt;SN&gt;._udp.local</c> (§1.2) and of <c>/info</c>.</summary>
    public string SerialNumber { get => Get(ref _serialNumber) ?? Defaults.SerialNumber(MacAddress); set => Set(ref _serialNumber, value); }

    /// <summary>12 lowercase hex digits without separators, as the notes' <c>/info</c> example (§1.3).</summary>
    public string MacAddress { get => Get(ref _macAddress) ?? Defaults.MacAddress; set => Set(ref _macAddress, value); }

    /// <summary>The firmware version, reported as the DWIN sw ver of <c>modelVersion</c> (§3).</summary>
    public string Firmware { get => Get(ref _firmware) ?? Defaults.Firmware; set => Set(ref _firmware, value); }

    /// <summary>
    /// Names of the stored G-code files, most recent first, in the model's folder (§7). Files named here get
    /// generated content, and one finished job each in the history; uploads put their name in front,
    /// <c>deleteprt:</c> removes names.
    /// </summary>
    public IReadOnlyList<string> StoredFiles { get => Get(ref _storedFiles); set => Set(ref _storedFiles, value ?? Array.Empty<string>()); }

    /// <summary><c>nozzleTemp</c>, sent as a string with six decimals (§3).</summary>
    public double NozzleTemperature { get => Get(ref _nozzleTemperature); set => Set(ref _nozzleTemperature, value); }

    /// <summary><c>targetNozzleTemp</c> (int); <c>M104 S</c> and <c>nozzleTempControl</c> set it.</summary>
    public int NozzleTarget { get => Get(ref _nozzleTarget); set => Set(ref _nozzleTarget, value); }

    /// <summary><c>bedTemp0</c>, a six-decimal string.</summary>
    public double BedTemperature { get => Get(ref _bedTemperature); set => Set(ref _bedTemperature, value); }

    /// <summary><c>targetBedTemp0</c> (int); <c>M140 S</c> and <c>bedTempControl</c> set it.</summary>
    public int BedTarget { get => Get(ref _bedTarget); set => Set(ref _bedTarget, value); }

    /// <summary>K2 Plus <c>boxTemp</c> (int °C on the wire); the K1C reports no chamber.</summary>
    public double ChamberTemperature { get => Get(ref _chamberTemperature); set => Set(ref _chamberTemperature, value); }

    /// <summary>K2 Plus <c>targetBoxTemp</c>; <c>boxTempControl</c> sets it.</summary>
    public int ChamberTarget { get => Get(ref _chamberTarget); set => Set(ref _chamberTarget, value); }

    /// <summary><c>lightSw</c>; the <c>lightSw</c> set command changes it.</summary>
    public bool LightOn { get => Get(ref _lightOn); set => Set(ref _lightOn, value); }

    /// <summary>
    /// The part (model) fan on the 0 to 255 scale of <c>M106 P0 S</c> (§6); reported as <c>modelFanPct</c> 0 to 100
    /// and <c>fan</c> 0/1 (§3). <c>{"fan":0|1}</c> sets it to 0 or 255.
    /// </summary>
    public int ModelFan { get => Get(ref _modelFan); set => Set(ref _modelFan, Math.Clamp(value, 0, 255)); }

    /// <summary>The case fan, <c>M106 P1</c>, reported as <c>caseFanPct</c> and <c>fanCase</c>.</summary>
    public int CaseFan { get => Get(ref _caseFan); set => Set(ref _caseFan, Math.Clamp(value, 0, 255)); }

    /// <summary>The auxiliary (side) fan, <c>M106 P2</c>, reported as <c>auxiliaryFanPct</c> and <c>fanAuxiliary</c>.</summary>
    public int AuxiliaryFan { get => Get(ref _auxiliaryFan); set => Set(ref _auxiliaryFan, Math.Clamp(value, 0, 255)); }

    /// <summary>
    /// How often the deltas go out (§2: a 1 s timer); read before each push, so a test may shorten it. A frame is
    /// sent only when some key changed.
    /// </summary>
    public TimeSpan PushInterval
    {
        get => Get(ref _pushInterval);
        set => Set(ref _pushInterval, value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The push interval must be positive."));
    }

    /// <summary>Delay before every answer: <c>get</c> replies, <c>ok</c>, HTTP replies and mDNS replies.</summary>
    public TimeSpan Latency { get => Get(ref _latency); set => Set(ref _latency, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    public CrealityFault Fault { get => Get(ref _fault); set => Set(ref _fault, value); }

    /// <summary>
    /// <c>reqGcodeFile</c> answers the old <c>retGcodeFileInfo</c> colon-separated list instead of
    /// <c>retGcodeFileInfo2</c> (§5: K1 1.3.3.x). Default: true on the K1C, false on the K2 Plus.
    /// </summary>
    public bool LegacyFileList { get => Get(ref _legacyFileList) ?? Defaults.LegacyFileList; set => Set(ref _legacyFileList, value); }

    /// <summary>
    /// The WebSocket is dropped right after an accepted <c>printprt:</c> start (§2, OrcaSlicer #14330 "End of file").
    /// Default: true on the K1C, false on the K2 Plus.
    /// </summary>
    public bool CloseAfterStart { get => Get(ref _closeAfterStart) ?? Defaults.CloseAfterStart; set => Set(ref _closeAfterStart, value); }

    /// <summary>False: no UDP 5353 socket is bound (read at start), so no mDNS query is answered, not even on a farm's segment.</summary>
    public bool ListenForDiscovery { get => Get(ref _listenForDiscovery); set => Set(ref _listenForDiscovery, value); }

    /// <summary>
    /// Port of <c>/info</c>, uploads and downloads, read at start: 80 (§7). When 80 cannot be bound (access denied),
    /// these routes move to 9999: see VirtualCrealityPrinter.HttpPort.
    /// </summary>
    public int HttpPort
    {
        get => Get(ref _httpPort);
        set => Set(ref _httpPort, value is >= 1 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A TCP port is 1 to 65535."));
    }

    internal CrealityModelDefaults Defaults => CrealityModelDefaults.For(Model);

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
