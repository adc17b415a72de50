# Shared setup for the Pester tests: the built module and the virtual printers.
# Needs PowerShell 7.6 or later (the virtual printers are a .NET 10 library) and a build: ./build.ps1
$script:RepoRoot = Split-Path -Parent $PSScriptRoot
$manifest = Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1'
if (-not (Test-Path $manifest)) { throw "Build first: ./build.ps1 -Task Build" }
Import-Module $manifest -Force

$simulator = Get-ChildItem (Join-Path $RepoRoot 'src/PrinterTools.Simulator/bin') -Recurse -Filter PrinterTools.Simulator.dll |
    Sort-Object LastWriteTime -Descending | Select-Object -First 1
Add-Type -Path $simulator.FullName

function New-VirtualFarm {
    <# Starts virtual printers on loopback; $First is the first address, one printer per address. #>
    param([string] $First = '127.0.70.10', [hashtable[]] $Printer)
    if (-not $Printer) {
        return [PrinterTools.Simulator.VirtualPrinterFarm]::StartDefaultAsync([ipaddress]$First, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    }
    $options = foreach ($p in $Printer) { [PrinterTools.Simulator.FlashForgePrinterOptions]$p }
    [PrinterTools.Simulator.VirtualPrinterFarm]::StartAsync([PrinterTools.Simulator.FlashForgePrinterOptions[]]$options, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
}

function Stop-VirtualFarm {
    param($Farm)
    if ($Farm) { $Farm.DisposeAsync().AsTask().GetAwaiter().GetResult() }
}
