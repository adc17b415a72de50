# Shared setup for the Pester tests, as users' own tests would do it: import the built module and
# its companion module of virtual printers, and give this run a loopback block of its own.
# Needs PowerShell 7.6 or later (the virtual printers are a .NET 10 library) and a build: ./build.ps1
$script:RepoRoot = Split-Path -Parent $PSScriptRoot
foreach ($name in 'PrinterTools', 'PrinterTools.Simulator') {
    $manifest = Join-Path $RepoRoot "out/$name/$name.psd1"
    if (-not (Test-Path $manifest)) { throw "Build first: ./build.ps1 -Task Build" }
    Import-Module $manifest
}

# 127.R.0.0/16, held by a socket on 127.R.255.254 for the life of the process: the same claim the
# xunit suite makes, so no two test runs, Pester or xunit, ever bind the same address.
if (-not $global:PrinterToolsTestBlock) {
    $random = [Random]::new()
    for ($attempt = 0; $attempt -lt 200 -and -not $global:PrinterToolsTestBlock; $attempt++) {
        $octet = $random.Next(1, 255)
        $claim = [Net.Sockets.Socket]::new('InterNetwork', 'Dgram', 'Udp')
        try {
            $claim.Bind([Net.IPEndPoint]::new([ipaddress]"127.$octet.255.254", 9))
            $global:PrinterToolsTestBlock = [pscustomobject]@{ Prefix = "127.$octet"; Claim = $claim }
        }
        catch { $claim.Dispose() }
    }
    if (-not $global:PrinterToolsTestBlock) { throw 'No free 127.R.0.0/16 block for this test run.' }
}

function TestAddress {
    <# An address of this run's block: TestAddress '70.10' is 127.R.70.10. #>
    param([Parameter(Mandatory)] [string] $LastTwo)
    "$($global:PrinterToolsTestBlock.Prefix).$LastTwo"
}

function Select-VirtualPrinter {
    <# The first virtual printer of a farm with this vendor and model (an Elegoo printer's Family): Select-VirtualPrinter $printers Elegoo CentauriCarbon. #>
    param([Parameter(Mandatory)] [object[]] $From, [Parameter(Mandatory)] [string] $Vendor, [Parameter(Mandatory)] [string] $Model)
    $match = $From | Where-Object { $_.Vendor -eq $Vendor -and ("$($_.Model)" -eq $Model -or "$($_.Family)" -eq $Model) } | Select-Object -First 1
    if (-not $match) { throw "The farm has no $Vendor $Model." }
    $match
}

function Invoke-Quietly {
    <#
        Runs a script in a runspace of its own with both modules imported: -WhatIf writes its
        "What if:" lines to the host, and a runspace without a host drops them, so they do not
        leak into the test output. Returns the output; the errors are in $Errors afterwards.
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $ps = [powershell]::Create()
    try {
        $manifest = (Join-Path $RepoRoot 'out/PrinterTools/PrinterTools.psd1') -replace "'", "''"
        $null = $ps.AddScript("Import-Module '$manifest'; $Script")
        $output = $ps.Invoke()
        $script:Errors = @($ps.Streams.Error)
        $output
    }
    finally { $ps.Dispose() }
}

function Invoke-FreshPwsh {
    <# Runs a script in a new process of this PowerShell (under the .NET tool: dotnet pwsh.dll); returns its output. #>
    param([Parameter(Mandatory)] [string] $Command)
    $process = [Environment]::ProcessPath
    if ((Split-Path $process -Leaf) -match '^dotnet(\.exe)?$') {
        & $process (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Command
    }
    else {
        & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -NoProfile -NonInteractive -Command $Command
    }
}

function Assert-FullHelp {
    <# The cmdlet's help has its own synopsis, two examples or more, and every parameter documented. #>
    param([Parameter(Mandatory)] [string] $Name)
    $help = Get-Help $Name -Full
    # Without help files Get-Help makes up a synopsis from the syntax, which starts with the name.
    $help.Synopsis | Should -Not -BeLike "$Name*"
    @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    $documented = $help.Parameters.Parameter.Name
    (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters } |
        ForEach-Object { $_ | Should -BeIn $documented }
}
