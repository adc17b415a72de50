# Mirrors tests/PrinterTools.Tests/Module/DiscoveryAndStatusTests.cs and BadInputTests.cs (discovery part).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:farm = New-VirtualFarm -First '127.0.70.10'
    $script:addresses = $farm.Addresses.ForEach({ $_.ToString() })
}

AfterAll {
    Stop-VirtualFarm $farm
}

Describe 'Find-Printer' {
    It 'finds every virtual printer once by broadcast' {
        $found = Find-Printer -BroadcastAddress $addresses -Timeout 1
        $found.ForEach('Address') | Sort-Object | Should -Be ($addresses | Sort-Object)
        ($found | Where-Object Address -EQ $addresses[1]).Model | Should -Be 'Adventurer 5M Pro'
    }

    It 'sweeps a subnet with unicast probes' {
        @(Find-Printer -Subnet 127.0.70.8/29 -Timeout 1).Count | Should -Be 4
    }

    It 'asks a given host only' {
        (Find-Printer -Address $addresses[2] -Timeout 2).Name | Should -Be 'Farm 5M Pro 2'
    }

    It 'refuses a subnet larger than a /16 before probing' {
        { Find-Printer -Subnet 10.0.0.0/8 } | Should -Throw -ErrorId 'PrinterInvalidArgument,PrinterTools.Commands.FindPrinterCommand'
    }

    It 'reports a silent host as unreachable' {
        Find-Printer -Address 127.0.70.31 -Timeout 0.5 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterUnreachable,*'
    }
}
