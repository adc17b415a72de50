#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages PrinterTools.
.DESCRIPTION
    Build    (PowerShell 7.2+) dotnet build: lays out the importable module in ./out/PrinterTools and
             its companion module of virtual printers in ./out/PrinterTools.Simulator.
    Test     (PowerShell 7.6+: the Pester tests load the virtual printers, a .NET 10 library) the xunit
             suite, then the Pester suite in tests/*.Tests.ps1 under this same PowerShell ($PSHOME),
             with Pester 5.7.1 restored from NuGet by tests/Pester/Pester.csproj. Prints the counts of
             each and one combined "tests: N passed, N failed" line; fails if either suite fails.
    Docs     (PowerShell 7.2+) MAML help from docs/en-US: platyPS's New-ExternalHelp when platyPS is
             installed, else the in-repo PrinterTools.HelpBuilder (the same markdown, the same MAML).
    Package  (PowerShell 7.6+: Compress-PSResource of PSResourceGet 1.1+) a Release build with its help
             and LICENSE, as ./out/package/PrinterTools.<version>.nupkg for Publish-PSResource, a
             gallery or a file share (Register-PSResourceRepository -Uri <folder>).
.EXAMPLE
    dotnet tool restore; dotnet tool run pwsh -NoProfile -File ./build.ps1 -Task Build,Test
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    # Build, Test, Docs, Package; also "Build,Test" as one word, which is what pwsh -File passes.
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task) {
    if ($name -notin 'Build', 'Test', 'Docs', 'Package') { throw "Unknown task '$name': use Build, Test, Docs or Package." }
}
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/PrinterTools'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Counted {
    <# Runs a test command, showing its output, and adds up the passed and failed counts its lines report. #>
    param([string] $Suite, [string] $Command, [string[]] $Arguments, [string] $CountPattern)
    $passed = 0; $failed = 0; $lines = 0
    & $Command @Arguments 2>&1 | ForEach-Object {
        $line = "$_"
        Write-Host $line
        $lines++
        if ($line -match $CountPattern) {
            $passed += [int]$Matches.passed
            $failed += [int]$Matches.failed
        }
    }
    $exitCode = $LASTEXITCODE
    # A suite that failed without saying how, or ran no test, proves nothing: one failure at least.
    if (($exitCode -ne 0 -or $passed -eq 0) -and $failed -eq 0) {
        Write-Host "${Suite}: exit code $exitCode, $passed passed: counted as 1 failed."
        $failed = 1
    }
    [pscustomobject]@{
        Passed    = $passed
        Failed    = $failed
        Succeeded = $exitCode -eq 0 -and $passed -gt 0
    }
}

function Get-PwshCommand {
    <#
        A fresh process of this same PowerShell. Under the .NET tool this process is dotnet running
        pwsh.dll, and pwsh's own launcher may not find a .NET installed outside the default folders:
        run pwsh.dll with this dotnet then.
    #>
    $process = [Environment]::ProcessPath
    if ((Split-Path $process -Leaf) -match '^dotnet(\.exe)?$') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @(Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh'))
}

function ConvertTo-Quoted([string] $Text) { "'" + ($Text -replace "'", "''") + "'" }

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build (Join-Path $root 'PrinterTools.sln') --configuration $Configuration
        }
        'Test' {
            if ($PSVersionTable.PSVersion -lt [version]'7.6') {
                throw "-Task Test needs PowerShell 7.6 or later (this is $($PSVersionTable.PSVersion)): run it with 'dotnet tool restore; dotnet tool run pwsh -File ./build.ps1 -Task Test'."
            }
            # The summary line is read in English whatever the machine's language.
            $env:DOTNET_CLI_UI_LANGUAGE = 'en'
            $xunit = Invoke-Counted 'xunit' 'dotnet' @('test', (Join-Path $root 'PrinterTools.sln'), '--configuration', $Configuration) `
                '(?:Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+)'

            Invoke-Dotnet restore (Join-Path $root 'tests/Pester/Pester.csproj') --verbosity quiet
            $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
            $pesterModule = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
            # A binary module cannot be unloaded: Pester runs in a fresh process of this same PowerShell.
            $pwshCommand = @(Get-PwshCommand)
            $pwsh = $pwshCommand[0]
            $pwshArguments = @($pwshCommand | Select-Object -Skip 1)
            $pesterScript = @"
Import-Module $(ConvertTo-Quoted $pesterModule) -RequiredVersion 5.7.1
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = $(ConvertTo-Quoted (Join-Path $root 'tests'))
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$configuration
"pester counts: `$(`$result.PassedCount) passed, `$(`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount) failed"
exit [int](`$result.Result -ne 'Passed')
"@
            $pester = Invoke-Counted 'Pester' $pwsh ($pwshArguments + @('-NoProfile', '-NonInteractive', '-Command', $pesterScript)) `
                '^pester counts: (?<passed>\d+) passed, (?<failed>\d+) failed'

            Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"
            Write-Host "pester: $($pester.Passed) passed, $($pester.Failed) failed"
            Write-Host "tests: $($xunit.Passed + $pester.Passed) passed, $($xunit.Failed + $pester.Failed) failed"
            if (-not $xunit.Succeeded -or -not $pester.Succeeded) { throw 'Tests failed.' }
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
            if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
                throw "-Task Package needs Compress-PSResource (PSResourceGet 1.1+, in PowerShell 7.6): run it with 'dotnet tool restore; dotnet tool run pwsh -File ./build.ps1 -Task Package'."
            }
            # A Release build of the module alone, laid out apart from ./out/PrinterTools (which a
            # running session may have loaded), with its help and the licence, then the .nupkg that
            # Publish-PSResource takes.
            $stage = Join-Path $root 'out/package'
            $moduleStage = Join-Path $stage 'PrinterTools'
            if (Test-Path $stage) { Remove-Item $stage -Recurse -Force }
            foreach ($project in 'src/PrinterTools', 'src/PrinterTools.HelpBuilder') {
                Invoke-Dotnet build (Join-Path $root $project) --configuration Release "-p:ModuleOutputPath=$moduleStage/"
            }
            Copy-Item (Join-Path $root 'LICENSE') $moduleStage
            Compress-PSResource -Path $moduleStage -DestinationPath $stage
            $package = Get-ChildItem $stage -Filter '*.nupkg' | Select-Object -First 1
            if (-not $package) { throw "Compress-PSResource wrote no package to $stage" }
            Write-Host "Packaged $($package.FullName)"
        }
    }
}
