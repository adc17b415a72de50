# Mirrors tests/PrinterTools.Tests/Module/JobAndFileTests.cs and GcodeAndWaitTests.Wait_*.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -NoSegment -Printer @(
        @{ Address = (TestAddress '73.10'); Model = 'Adventurer4' },
        @{ Address = (TestAddress '73.11'); Model = 'Adventurer5MPro' },
        @{ Address = (TestAddress '73.12'); Model = 'Adventurer4'; Fault = 'DropMidUpload' },
        @{ Address = (TestAddress '73.13'); Model = 'Adventurer5MPro'; FreeSpaceBytes = 1MB },
        @{ Address = (TestAddress '73.14'); Model = 'Adventurer4'; Fault = 'RefuseUpload' }
    )
    $script:file = Join-Path $TestDrive 'big.gx'
    $bytes = [byte[]]::new(3MB + 1234); [Random]::new(42).NextBytes($bytes)
    [IO.File]::WriteAllBytes($file, $bytes)
    function script:CredentialOf($printer) {
        [pscredential]::new($printer.Options.SerialNumber, (ConvertTo-SecureString $printer.Options.CheckCode -AsPlainText -Force))
    }
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Start-PrinterJob' {
    It 'uploads over the console, byte for byte, and starts the job' {
        $job = Start-PrinterJob -Address (TestAddress '73.10') -Vendor FlashForge -Path $file -FileName 'tcp.gx'
        $job.State | Should -Be 'Printing'
        [Convert]::ToBase64String($printers[0].GetFile('tcp.gx')) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($file)))
        (Get-PrinterStatus -Address (TestAddress '73.10') -Vendor FlashForge).FileName | Should -Be 'tcp.gx'
    }

    It 'uploads over HTTP with the check code' {
        $job = Start-PrinterJob -Address (TestAddress '73.11') -Vendor FlashForge -Credential (CredentialOf $printers[1]) -Path $file -FileName 'http.gx'
        $job.BytesUploaded | Should -Be (Get-Item $file).Length
        $printers[1].JobsStarted | Should -Be 1
    }

    It 'never starts a job whose upload was cut off' {
        Start-PrinterJob -Address (TestAddress '73.12') -Vendor FlashForge -Path $file -Timeout 3 -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems.Count | Should -Be 1
        $printers[2].JobsStarted | Should -Be 0
    }

    It 'refuses a file larger than the free space before uploading' {
        Start-PrinterJob -Address (TestAddress '73.13') -Vendor FlashForge -Credential (CredentialOf $printers[3]) -Path $file -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterStorageFull,*'
        $printers[3].BytesReceived | Should -Be 0
    }

    It 'sends no byte of the file when the printer refuses the upload' {
        Start-PrinterJob -Address (TestAddress '73.14') -Vendor FlashForge -Path $file -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterProtocolError,*'
        $printers[4].BytesReceivedAfterRefusedUpload | Should -Be 0
        $printers[4].JobsStarted | Should -Be 0
    }

    It 'refuses a missing local file before anything is sent' {
        { Start-PrinterJob -Address (TestAddress '73.10') -Vendor FlashForge -Path (Join-Path $TestDrive 'none.gx') } |
            Should -Throw -ErrorId 'LocalFileNotFound,PrinterTools.Commands.StartPrinterJobCommand'
    }

    It 'refuses a name with a folder in it' {
        { Start-PrinterJob -Address (TestAddress '73.10') -Vendor FlashForge -FileName '../x.gx' } |
            Should -Throw -ErrorId 'PrinterInvalidArgument,PrinterTools.Commands.StartPrinterJobCommand'
    }

    It 'sends nothing with -WhatIf' {
        $printers[0].ResetCounters()
        Invoke-Quietly "Start-PrinterJob -Address $(TestAddress '73.10') -Vendor FlashForge -Path '$file' -WhatIf" | Should -BeNullOrEmpty
        $Errors | Should -BeNullOrEmpty
        $printers[0].TotalConnections | Should -Be 0
    }
}
