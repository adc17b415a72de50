# Mirrors tests/PrinterTools.Tests/Module/ElegooTests.cs: the demo farm's Centauri Carbon and Saturn 4 Ultra under real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '76.10') -NoSegment
    $script:carbon = Select-VirtualPrinter $printers Elegoo CentauriCarbon
    $script:resin = Select-VirtualPrinter $printers Elegoo Saturn4Ultra
    # A file the demo farm stored, and printed before: its print history has a thumbnail.
    $script:printedBefore = $resin.Options.StoredFiles[0]
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Elegoo printers' {
    It 'are found with their model, MainboardID and firmware' {
        $found = Find-Printer -Address $carbon.Address, $resin.Address -Vendor Elegoo -Timeout 2 | Sort-Object Address
        $found.Count | Should -Be 2
        $found[0].Model | Should -Be 'Centauri Carbon'
        $found[0].SerialNumber | Should -Be $carbon.Options.MainboardId
        $found[1].Model | Should -Be 'Saturn 4 Ultra'
        $found[1].Firmware | Should -Be $resin.Options.Firmware
    }

    It 'report their status beside the FlashForge printers of the same farm' {
        $status = $printers.ForEach({ $_.Address.ToString() }) | Get-PrinterStatus
        $status.Count | Should -Be $printers.Count
        ($status | Where-Object Vendor -EQ 'Elegoo').Count | Should -Be 2
        $carbonStatus = $status | Where-Object Address -EQ $carbon.Address.ToString()
        $carbonStatus.State | Should -Be 'Printing'
        $carbonStatus.FileName | Should -Be $carbon.Options.CurrentFile
        $carbonStatus.NozzleTemperature | Should -BeGreaterThan 0
        ($status | Where-Object Address -EQ $resin.Address.ToString()).State | Should -Be 'Idle'
        $printers | Where-Object Vendor -EQ 'Elegoo' | ForEach-Object { $_.OpenWebSockets | Should -Be 0 }
    }

    It 'take an upload in MD5-checked chunks and start it' {
        $path = Join-Path $TestDrive 'pester-ring.goo'
        $bytes = [byte[]]::new(1.5MB); [Random]::new(7).NextBytes($bytes)
        [IO.File]::WriteAllBytes($path, $bytes)
        $job = Start-PrinterJob -Address $resin.Address -Vendor Elegoo -Path $path -Confirm:$false
        $job.FileName | Should -Be 'pester-ring.goo'
        $job.BytesUploaded | Should -Be $bytes.Length
        [Convert]::ToBase64String($resin.GetFile('pester-ring.goo')) | Should -Be ([Convert]::ToBase64String($bytes))
        $resin.UploadChunks | Should -Be 2
        $resin.JobsStarted | Should -Be 1
    }

    It 'refuse G-code with PrinterNotSupported, sending nothing' {
        $carbon.ResetCounters()
        Send-PrinterGcode -Address $carbon.Address -Vendor Elegoo -Gcode 'M105' -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        $carbon.TotalWebSockets | Should -Be 0
    }

    It 'give the thumbnail of a stored file from the print history' {
        $file = Receive-PrinterFile -Address $resin.Address -Vendor Elegoo -FileName $printedBefore -Thumbnail -Destination $TestDrive
        $file.Extension | Should -Be '.bmp'
        [Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes($file.FullName), 0, 2) | Should -Be 'BM'
    }
}
