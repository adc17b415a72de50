# Mirrors tests/PrinterTools.Tests/Module/JobAndFileTests.cs and GcodeAndWaitTests.Wait_*.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:farm = New-VirtualFarm -Printer @(
        @{ Address = '127.0.73.10'; Model = 'Adventurer4' },
        @{ Address = '127.0.73.11'; Model = 'Adventurer5MPro' },
        @{ Address = '127.0.73.12'; Model = 'Adventurer4'; Fault = 'DropMidUpload' },
        @{ Address = '127.0.73.13'; Model = 'Adventurer5MPro'; FreeSpaceBytes = 1MB }
    )
    $script:file = Join-Path $TestDrive 'big.gx'
    $bytes = [byte[]]::new(3MB + 1234); [Random]::new(42).NextBytes($bytes)
    [IO.File]::WriteAllBytes($file, $bytes)
    function script:CredentialOf($printer) {
        [pscredential]::new($printer.Options.SerialNumber, (ConvertTo-SecureString $printer.Options.CheckCode -AsPlainText -Force))
    }
}

AfterAll {
    Stop-VirtualFarm $farm
}

Describe 'Start-PrinterJob' {
    It 'uploads over the console, byte for byte, and starts the job' {
        $job = Start-PrinterJob -Address 127.0.73.10 -Vendor FlashForge -Path $file -FileName 'tcp.gx'
        $job.State | Should -Be 'Printing'
        [Convert]::ToBase64String($farm.Printers[0].GetFile('tcp.gx')) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($file)))
        (Get-PrinterStatus -Address 127.0.73.10 -Vendor FlashForge).FileName | Should -Be 'tcp.gx'
    }

    It 'uploads over HTTP with the check code' {
        $job = Start-PrinterJob -Address 127.0.73.11 -Vendor FlashForge -Credential (CredentialOf $farm.Printers[1]) -Path $file -FileName 'http.gx'
        $job.BytesUploaded | Should -Be (Get-Item $file).Length
        $farm.Printers[1].JobsStarted | Should -Be 1
    }

    It 'never starts a job whose upload was cut off' {
        Start-PrinterJob -Address 127.0.73.12 -Vendor FlashForge -Path $file -Timeout 3 -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems.Count | Should -Be 1
        $farm.Printers[2].JobsStarted | Should -Be 0
    }

    It 'refuses a file larger than the free space before uploading' {
        Start-PrinterJob -Address 127.0.73.13 -Vendor FlashForge -Credential (CredentialOf $farm.Printers[3]) -Path $file -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterStorageFull,*'
        $farm.Printers[3].BytesReceived | Should -Be 0
    }

    It 'refuses a missing local file before anything is sent' {
        { Start-PrinterJob -Address 127.0.73.10 -Vendor FlashForge -Path (Join-Path $TestDrive 'none.gx') } |
            Should -Throw -ErrorId 'LocalFileNotFound,PrinterTools.Commands.StartPrinterJobCommand'
    }

    It 'refuses a name with a folder in it' {
        { Start-PrinterJob -Address 127.0.73.10 -Vendor FlashForge -FileName '../x.gx' } |
            Should -Throw -ErrorId 'PrinterInvalidArgument,PrinterTools.Commands.StartPrinterJobCommand'
    }

    It 'sends nothing with -WhatIf' {
        $farm.Printers[0].ResetCounters()
        Start-PrinterJob -Address 127.0.73.10 -Vendor FlashForge -Path $file -WhatIf | Should -BeNullOrEmpty
        $farm.Printers[0].TotalConnections | Should -Be 0
    }
}
