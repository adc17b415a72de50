# The demo farm's K1C and K2 Plus under real pwsh, through the public cmdlets (as tests/Elegoo.Tests.ps1 does for Elegoo).
# The K1C's last job completed and stays latched; the K2 Plus prints at 30 %. The start on the K1C comes last:
# after it the K1C is printing, which the tests before it must not see.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -FirstAddress (TestAddress '77.10') -NoSegment
    $script:creality = @($printers | Where-Object Vendor -EQ 'Creality')
    $script:k1c = $creality | Where-Object Model -EQ 'K1C' | Select-Object -First 1
    $script:k2 = $creality | Where-Object Model -EQ 'K2Plus' | Select-Object -First 1
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Creality printers' {
    It 'are found by their /info with their model, MAC, serial number and firmware' {
        $found = Find-Printer -Address $k1c.Address, $k2.Address -Vendor Creality -Timeout 2 | Sort-Object Address
        $found.Count | Should -Be 2
        $found.Vendor | Sort-Object -Unique | Should -Be 'Creality'
        $found[0].Address | Should -Be $k1c.Address.ToString()
        $found[0].Model | Should -Be 'K1C'
        $found[0].Name | Should -Be $k1c.Options.Name
        $found[0].MacAddress | Should -Be 'AA:BB:CC:00:04:06'
        $found[0].SerialNumber | Should -Be $k1c.Options.SerialNumber
        $found[0].Firmware | Should -Be $k1c.Options.Firmware
        $found[0].Capabilities | Should -Contain 'Snapshot'
        $found[1].Model | Should -Be 'K2 Plus'
        $found[1].MacAddress | Should -Be 'AA:BB:CC:00:04:07'
        $found[1].SerialNumber | Should -Be $k2.Options.SerialNumber
        $found[1].Capabilities | Should -Not -Contain 'Snapshot'
    }

    It 'report their status beside the FlashForge and Elegoo printers of the same farm' {
        $status = $printers.ForEach({ $_.Address.ToString() }) | Get-PrinterStatus
        $status.Count | Should -Be $printers.Count
        ($status | Where-Object Vendor -EQ 'Creality').Count | Should -Be 2
        ($status | Where-Object Vendor -EQ 'Elegoo').Count | Should -Be 2

        # The K1C is idle, its finished job still shown: Completed, never Printing.
        $k1cStatus = $status | Where-Object Address -EQ $k1c.Address.ToString()
        $k1cStatus.Model | Should -Be 'K1C'
        $k1cStatus.State | Should -Be 'Completed'
        $k1cStatus.FileName | Should -Be $k1c.Options.FileName
        $k1cStatus.Progress | Should -Be 100

        $k2Status = $status | Where-Object Address -EQ $k2.Address.ToString()
        $k2Status.Model | Should -Be 'K2 Plus'
        $k2Status.State | Should -Be 'Printing'
        $k2Status.FileName | Should -Be $k2.Options.FileName
        $k2Status.Progress | Should -Be 30
        $k2Status.NozzleTargetTemperature | Should -Be $k2.Options.NozzleTarget
        $k2Status.BedTargetTemperature | Should -Be $k2.Options.BedTarget
        $k2Status.NozzleTemperature | Should -BeGreaterThan 0
        $creality | ForEach-Object { $_.OpenWebSockets | Should -Be 0 }
    }

    It 'keep a completed job latched on a later read, on a new socket' {
        $k1c.ResetCounters()
        $again = Get-PrinterStatus -Address $k1c.Address -Vendor Creality
        $again.State | Should -Be 'Completed'
        $again.State | Should -Not -Be 'Printing'
        $again.FileName | Should -Be $k1c.Options.FileName
        $again.Progress | Should -Be 100
        $k1c.TotalWebSockets | Should -Be 1
        $k1c.OpenWebSockets | Should -Be 0
    }

    It 'send nothing for Send-PrinterGcode -WhatIf' {
        $k1c.ResetCounters()
        Invoke-Quietly "Send-PrinterGcode -Address $($k1c.Address) -Vendor Creality -Gcode 'G28' -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $k1c.GcodeReceived | Should -BeNullOrEmpty
        $k1c.TotalWebSockets | Should -Be 0
    }

    It 'take G-code lines in order over gcodeCmd, with no reply to show' {
        $k1c.ResetCounters()
        $replies = 'G28', '; a comment sends nothing', 'M105' | Send-PrinterGcode -Address $k1c.Address -Vendor Creality -Confirm:$false
        $replies.Command | Should -Be @('G28', 'M105')
        $replies.Succeeded | Sort-Object -Unique | Should -BeTrue
        $replies.Response | Sort-Object -Unique | Should -Be ''
        $k1c.GcodeReceived | Should -Be @('G28', 'M105')
        $k1c.TotalWebSockets | Should -Be 1
        $k1c.OpenWebSockets | Should -Be 0
    }

    It 'refuse a start on the printing K2 Plus with PrinterBusy, uploading nothing' {
        $k2.ResetCounters()
        $path = Join-Path $TestDrive 'pester-busy.gcode'
        Set-Content -Path $path -Value 'G28', 'G1 X10 Y10 F3000' -Encoding ascii
        $job = Start-PrinterJob -Address $k2.Address -Vendor Creality -Path $path -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $job | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterBusy,*'
        $k2.UploadsCompleted | Should -Be 0
        $k2.UploadBytesReceived | Should -Be 0
        $k2.JobsStarted | Should -Be 0
        $k2.GetFile('pester-busy.gcode') | Should -BeNullOrEmpty
        (Get-PrinterStatus -Address $k2.Address -Vendor Creality).FileName | Should -Be $k2.Options.FileName
    }

    It 'give a JPEG camera snapshot from the K1C' {
        $k1c.ResetCounters()
        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive 'k1c-snapshot')).FullName
        $file = Receive-PrinterFile -Address $k1c.Address -Vendor Creality -Snapshot -Destination $folder
        $file.Extension | Should -Be '.jpg'
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        $bytes[0..1] | Should -Be @(0xFF, 0xD8)
        $k1c.CameraConnections | Should -Be 1
    }

    It 'refuse a snapshot of the K2 Plus with PrinterNotSupported (WebRTC only), without calling a camera' {
        $k2.ResetCounters()
        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive 'k2-snapshot')).FullName
        Receive-PrinterFile -Address $k2.Address -Vendor Creality -Snapshot -Destination $folder -ErrorVariable problems -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterNotSupported,*'
        "$($problems[0])" | Should -BeLike '*WebRTC*'
        $k2.CameraConnections | Should -Be 0
        Get-ChildItem $folder | Should -BeNullOrEmpty
    }

    It 'give the PNG thumbnail of a file stored on the <Model>' -ForEach @(
        @{ Model = 'K1C'; Index = 1 }
        @{ Model = 'K2Plus'; Index = 1 }
    ) {
        $printer = $creality | Where-Object { "$($_.Model)" -eq $Model }
        $stored = $printer.Options.StoredFiles[$Index]
        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive "thumbnail-$Model")).FullName
        $file = Receive-PrinterFile -Address $printer.Address -Vendor Creality -FileName $stored -Thumbnail -Destination $folder
        $file.Name | Should -Be ([IO.Path]::ChangeExtension($stored, '.png'))
        [IO.File]::ReadAllBytes($file.FullName)[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
    }

    # Last: the K1C prints from here on.
    It 'upload a file to the idle K1C with its MD5 and start it, through the socket the K1 closes after a start' {
        $k1c.ResetCounters()
        $path = Join-Path $TestDrive 'pester-part.gcode'
        $bytes = [Text.Encoding]::ASCII.GetBytes((1..3000).ForEach({ "G1 X$($_ % 200) Y$($_ % 180) E0.0$($_ % 10)`n" }) -join '')
        [IO.File]::WriteAllBytes($path, $bytes)
        $job = Start-PrinterJob -Address $k1c.Address -Vendor Creality -Path $path -LevelBed -Confirm:$false -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $job.FileName | Should -Be 'pester-part.gcode'
        $job.State | Should -Be 'Printing'
        $job.BytesUploaded | Should -Be $bytes.Length

        $k1c.UploadsCompleted | Should -Be 1
        [Convert]::ToBase64String($k1c.GetFile('pester-part.gcode')) | Should -Be ([Convert]::ToBase64String($bytes))
        $k1c.LastUploadMd5Header | Should -MatchExactly '^[0-9a-f]{32}$'
        $k1c.LastUploadMd5Header | Should -Be (Get-FileHash -Path $path -Algorithm MD5).Hash
        $k1c.JobsStarted | Should -Be 1
        $k1c.LastStartRequest | Should -Be 'printprt:/usr/data/printer_data/gcodes/pester-part.gcode'
        # -LevelBed is the printer's self-test, asked in the same request as the start.
        ($k1c.ReceivedRequests | Where-Object Key -EQ 'opGcodeFile').Json | Should -Match '"enableSelfTest":1'
        # The K1 firmware drops the WebSocket right after it accepts a start; the cmdlet still ends without error.
        $k1c.ClosedAfterStart | Should -Be 1
        (Get-PrinterStatus -Address $k1c.Address -Vendor Creality).FileName | Should -Be 'pester-part.gcode'
    }
}
