#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages PrinterTools.
.DESCRIPTION
    Build    dotnet build: lays out the importable module in ./out/PrinterTools.
    Test     the xunit suite (hosts the PowerShell engine), then the Pester tests when Pester 5+ is installed.
    Docs     MAML help from docs/en-US: platyPS's New-ExternalHelp when platyPS is installed, else the
             in-repo PrinterTools.HelpBuilder (the same markdown, the same MAML).
    Package  a zip of ./out/PrinterTools for the gallery or a file share.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/PrinterTools'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build (Join-Path $root 'PrinterTools.sln') --configuration $Configuration
        }
        'Test' {
            Invoke-Dotnet test (Join-Path $root 'PrinterTools.sln') --configuration $Configuration
            $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
            if ($pester) {
                # A binary module cannot be unloaded: run Pester in a fresh process.
                $script = "Import-Module Pester -MinimumVersion 5.0.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
                & (Get-Process -Id $PID).Path -NoProfile -Command $script
                if ($LASTEXITCODE -ne 0) { throw "Pester tests failed" }
            }
            else {
                Write-Warning 'Pester 5 is not installed: ran the xunit suite only (Install-Module Pester -MinimumVersion 5.0.0).'
            }
        }
        'Docs' {
            $helpDir = Join-Path $moduleDir 'en-US'
            if (Get-Module -ListAvailable platyPS) {
                Import-Module platyPS
                New-ExternalHelp -Path (Join-Path $root 'docs/en-US') -OutputPath $helpDir -Force | Out-Null
            }
            else {
                Invoke-Dotnet run --project (Join-Path $root 'src/PrinterTools.HelpBuilder') -- (Join-Path $root 'docs/en-US') (Join-Path $helpDir 'PrinterTools.dll-Help.xml')
            }
        }
        'Package' {
            $version = (Import-PowerShellDataFile (Join-Path $root 'PrinterTools.psd1')).ModuleVersion
            $zip = Join-Path $root "out/PrinterTools-$version.zip"
            Compress-Archive -Path $moduleDir -DestinationPath $zip -Force
            Write-Host "Packaged $zip"
        }
    }
}
