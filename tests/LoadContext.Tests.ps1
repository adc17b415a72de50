# The real pwsh, as in a session where another module came first: a fresh process loads other
# versions of two of the module's dependencies, then imports PrinterTools and uses both.
# Mirrors tests/PrinterTools.IsolationTests (the hosted engine); the other versions are the ones
# that project downloads (System.Reactive 5.0.0, Microsoft.Extensions.Logging.Abstractions 10.0.10).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -Model Adventurer4 -FirstAddress (TestAddress '141.10') -NoSegment
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) { $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim() }
    $script:otherReactive = Join-Path $packages 'system.reactive/5.0.0/lib/netstandard2.0/System.Reactive.dll'
    $script:otherLogging = Join-Path $packages 'microsoft.extensions.logging.abstractions/10.0.10/lib/net10.0/Microsoft.Extensions.Logging.Abstractions.dll'
    foreach ($path in $otherReactive, $otherLogging) {
        if (-not (Test-Path $path)) { throw "$path is missing: build first (tests/PrinterTools.IsolationTests downloads it)." }
    }
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'PrinterTools beside other versions of its dependencies' {
    BeforeAll {
        $manifest = (Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1') -replace "'", "''"
        $address = TestAddress '141.10'
        # One line per fact, "name=value", read back below.
        $script:facts = @{}
        Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$otherReactive = [Reflection.Assembly]::LoadFrom('$($otherReactive -replace "'", "''")')
`$otherLogging = [Reflection.Assembly]::LoadFrom('$($otherLogging -replace "'", "''")')
Import-Module '$manifest'
function ContextOf(`$assembly) { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$assembly).Name }
`$status = Find-Printer -Address $address -Timeout 5 | Get-PrinterStatus -Timeout 5
"state=`$(`$status.State)"
"statusIsNamedType=`$(`$status -is [PrinterTools.PrinterStatus])"
"newObjectIsNamedType=`$((New-Object PrinterTools.PrinterInfo) -is [PrinterTools.PrinterInfo])"
`$engine = [PrinterTools.PrinterInfo].Assembly
"engine=`$(ContextOf `$engine)"
"module=`$(ContextOf (Get-Module PrinterTools).ImplementingAssembly)"
`$create = `$engine.GetType('PrinterTools.Elegoo.SdcpWebSocket', `$true).GetMethod('Create', [Reflection.BindingFlags]'Static,NonPublic')
`$client = `$create.Invoke(`$null, @('$address', [timespan]::FromSeconds(5), `$null))
`$websocket = `$client.GetType().Assembly
"websocket=`$(ContextOf `$websocket)"
foreach (`$name in 'System.Reactive', 'Microsoft.Extensions.Logging.Abstractions') {
    `$reference = `$websocket.GetReferencedAssemblies() | Where-Object Name -EQ `$name
    `$ours = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$websocket).LoadFromAssemblyName(`$reference)
    "`$name=`$(ContextOf `$ours) `$(`$ours.GetName().Version)"
}
`$client.Dispose()
"otherReactive=`$(ContextOf `$otherReactive) `$(`$otherReactive.GetName().Version) `$([System.Reactive.Unit]::Default)"
"otherLogging=`$(ContextOf `$otherLogging) `$(`$otherLogging.GetName().Version) `$([Microsoft.Extensions.Logging.Abstractions.NullLogger]::Instance.IsEnabled('Critical'))"
"scriptsNameOtherReactive=`$([object]::ReferenceEquals([System.Reactive.Unit].Assembly, `$otherReactive))"
"@ | ForEach-Object {
            if ("$_" -match '^(?<name>[\w.]+)=(?<value>.*)$') { $facts[$Matches.name] = $Matches.value }
            else { Write-Host "fresh pwsh: $_" }
        }
        $script:exitCode = $LASTEXITCODE
    }

    It 'imports and reads the printer' {
        $exitCode | Should -Be 0
        $facts.state | Should -Be 'Idle'
        $facts.statusIsNamedType | Should -Be 'True'
        $facts.newObjectIsNamedType | Should -Be 'True'
    }

    It 'keeps PrinterTools.dll in the default context and the engine in its own' {
        $facts.module | Should -Be 'Default'
        $facts.engine | Should -Be 'PrinterTools'
        $facts.websocket | Should -Be 'PrinterTools'
    }

    It 'gives Websocket.Client the module''s own System.Reactive and logging abstractions' {
        $facts['System.Reactive'] | Should -Be 'PrinterTools 6.1.0.0'
        $facts['Microsoft.Extensions.Logging.Abstractions'] | Should -Be 'PrinterTools 8.0.0.0'
    }

    It 'leaves the other module''s copies in the default context, working' {
        $facts.otherReactive | Should -Be 'Default 5.0.0.0 ()'
        $facts.otherLogging | Should -Be 'Default 10.0.0.0 False'
        $facts.scriptsNameOtherReactive | Should -Be 'True'
    }
}
