@{
    RootModule           = 'PrinterTools.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f0f2d7e-6a51-4a8e-9d5e-3c1b0f8a7c21'
    Author               = 'PrinterTools contributors'
    CompanyName          = 'PrinterTools'
    Copyright            = '(c) PrinterTools contributors. MIT License.'
    Description          = 'Discover and drive FlashForge 3D printers on the LAN from PowerShell: discovery, status, G-code, uploads and job start, thumbnails and camera snapshots, as typed objects with pipelines, remoting, -WhatIf, help and progress. Elegoo and Creality printers are not supported yet: given by address, they are recognised by their ports (3030, 9999) and reported as not supported.'
    PowerShellVersion    = '5.1'
    # .NET Framework 4.7.2 is the first that runs netstandard2.0 libraries without shims.
    DotNetFrameworkVersion = '4.7.2'
    # Imported before the root module: it makes dependencies/ the source of the engine and its
    # dependencies (on PowerShell 7, in the module's own AssemblyLoadContext), which the cmdlets need to load.
    NestedModules        = @('dependencies/PrinterTools.Loader.dll')
    FormatsToProcess     = @('PrinterTools.format.ps1xml')
    TypesToProcess       = @('PrinterTools.types.ps1xml')
    # Explicit lists: wildcards make PowerShell load the module to learn what it exports.
    CmdletsToExport      = @('Find-Printer', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Send-PrinterGcode', 'Start-PrinterJob')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # Only what works today: Elegoo, SDCP and Creality come back when they are implemented.
            Tags         = @('3DPrinting', 'PrintFarm', 'FlashForge', 'Adventurer', 'Printer', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/printertools/PrinterTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/printertools/PrinterTools'
            ReleaseNotes = 'FlashForge: discovery, status, G-code, uploads and job start, thumbnails and camera snapshots.'
        }
    }
}
