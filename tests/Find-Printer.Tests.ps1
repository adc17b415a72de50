# Mirrors tests/PrinterTools.Tests/Module/DiscoveryAndStatusTests.cs and BadInputTests.cs (discovery part).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '70.10') -SegmentAddress (TestAddress '70.1')
    $script:addresses = $printers.ForEach({ $_.Address.ToString() })
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Find-Printer' {
    It 'finds the whole farm by a broadcast to its segment, each printer once' {
        $found = Find-Printer -BroadcastAddress (TestAddress '70.1') -Timeout 1
        $found.ForEach('Address') | Sort-Object | Should -Be ($addresses | Sort-Object)
        ($found | Where-Object Address -EQ $addresses[1]).Model | Should -Be 'Adventurer 5M Pro'
    }

    It 'sweeps a subnet with unicast probes' {
        # .9 to .14: the four FlashForge printers and the Centauri Carbon (the Saturn at .15 is the /29's broadcast address).
        $found = @(Find-Printer -Subnet "$(TestAddress '70.8')/29" -Timeout 1)
        $found.Count | Should -Be 5
        ($found | Where-Object Vendor -EQ 'Elegoo').Model | Should -Be 'Centauri Carbon'
    }

    It 'asks a given host only' {
        (Find-Printer -Address $addresses[2] -Timeout 2).Name | Should -Be 'Farm 5M Pro 2'
    }

    It 'refuses a subnet larger than a /16 before probing' {
        { Find-Printer -Subnet 10.0.0.0/8 } | Should -Throw -ErrorId 'PrinterInvalidArgument,PrinterTools.Commands.FindPrinterCommand'
    }

    It 'reports a silent host as unreachable' {
        Find-Printer -Address (TestAddress '70.31') -Timeout 3 -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterUnreachable,*'
    }
}
