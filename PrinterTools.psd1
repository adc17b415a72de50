@{
    RootModule           = 'PrinterTools.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f0f2d7e-6a51-4a8e-9d5e-3c1b0f8a7c21'
    Author               = 'PrinterTools contributors'
    CompanyName          = 'PrinterTools'
    Copyright            = '(c) PrinterTools contributors. MIT License.'
    Description          = 'Discover and drive FlashForge, Elegoo (SDCP V3: Centauri Carbon, Saturn 4 Ultra, Mars 5 Ultra) and Creality (K1 and K2 series, Ender-3 V3, Hi: WebSocket 9999 and HTTP 80) 3D printers on the LAN from PowerShell: discovery, status, G-code (FlashForge and Creality), uploads and job start, pausing, resuming and stopping jobs, thumbnails, time-lapse videos and camera snapshots, as typed objects with pipelines, remoting, -WhatIf, help and progress.'
    PowerShellVersion    = '5.1'
    # .NET Framework 4.7.2 is the first that runs netstandard2.0 libraries without shims.
    DotNetFrameworkVersion = '4.7.2'
    # Imported before the root module: it makes dependencies/ the source of the engine and its
    # dependencies (on PowerShell 7, in the module's own AssemblyLoadContext), which the cmdlets need to load.
    NestedModules        = @('dependencies/PrinterTools.Loader.dll')
    FormatsToProcess     = @('PrinterTools.format.ps1xml')
    TypesToProcess       = @('PrinterTools.types.ps1xml')
    # Explicit lists: wildcards make PowerShell load the module to learn what it exports.
    CmdletsToExport      = @('Find-Printer', 'Get-PrinterFile', 'Get-PrinterStatus', 'Receive-PrinterFile', 'Remove-PrinterFile', 'Resume-PrinterJob', 'Send-PrinterGcode', 'Set-PrinterFan', 'Set-PrinterLight', 'Set-PrinterTemperature', 'Start-PrinterJob', 'Stop-PrinterJob', 'Suspend-PrinterJob', 'Wait-PrinterJob')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # Only what works today.
            Tags         = @('3DPrinting', 'PrintFarm', 'FlashForge', 'Adventurer', 'Elegoo', 'SDCP', 'CentauriCarbon', 'Creality', 'K1', 'K2', 'Printer', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/printertools/PrinterTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/printertools/PrinterTools'
            ReleaseNotes = 'FlashForge: discovery, status, G-code, uploads and job start, thumbnails and camera snapshots. Elegoo SDCP V3 (Centauri Carbon and resin printers): discovery, status, chunked uploads with MD5 and job start, history thumbnails and time-lapse videos, the Carbon''s camera and downloads. Creality K1 and K2 series: mDNS and /info discovery, status from the WebSocket''s merged state, G-code, MD5-checked uploads and job start, thumbnails, time-lapse videos and the K1 series'' camera. All three vendors: Get-PrinterFile, Suspend-, Resume-, Stop- and Wait-PrinterJob, Set-PrinterLight, Set-PrinterTemperature and Set-PrinterFan, Remove-PrinterFile (Elegoo and Creality; FlashForge has no delete command), and staggered starts (Start-PrinterJob -StaggerSeconds).'
        }
    }
}
