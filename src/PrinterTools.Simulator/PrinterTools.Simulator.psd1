@{
    RootModule           = 'PrinterTools.Simulator.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '3b8f5c1e-2d4a-4f6b-9e7c-81a0d5c4e912'
    Author               = 'PrinterTools contributors'
    CompanyName          = 'PrinterTools'
    Copyright            = '(c) PrinterTools contributors. MIT License.'
    Description          = 'Virtual FlashForge, Elegoo (SDCP) and Creality printers on loopback addresses, speaking the real protocols, for testing scripts that use PrinterTools.'
    # The virtual printers are a .NET 10 library: PowerShell 7.6 is the first on .NET 10.
    PowerShellVersion    = '7.6'
    CmdletsToExport      = @('Start-VirtualPrinterFarm', 'Stop-VirtualPrinterFarm')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
