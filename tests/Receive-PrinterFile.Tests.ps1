# Mirrors tests/PrinterTools.Tests/Module/JobAndFileTests.cs (thumbnails, snapshots, destinations).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:printers = Start-VirtualPrinterFarm -NoSegment -Printer @(
        @{ Address = (TestAddress '74.10'); Model = 'Adventurer4'; StoredFiles = [string[]]@('box.gx') },
        @{ Address = (TestAddress '74.11'); Model = 'Adventurer5MPro' },
        @{ Address = (TestAddress '74.12'); Model = 'Adventurer4'; StoredFiles = [string[]]@('box.gx'); Fault = 'BadThumbnailLength' },
        @{ Address = (TestAddress '74.13'); Model = 'Adventurer5MPro'; Fault = 'NoisySnapshot' }
    )
}

AfterAll {
    $printers | Stop-VirtualPrinterFarm
}

Describe 'Receive-PrinterFile' {
    It 'saves a stored file''s thumbnail as PNG inside the destination folder' {
        $file = Receive-PrinterFile -Address (TestAddress '74.10') -Vendor FlashForge -FileName 'box.gx' -Thumbnail -Destination $TestDrive
        $file.FullName | Should -Be (Join-Path $TestDrive 'box.png')
        [IO.File]::ReadAllBytes($file.FullName)[0..3] | Should -Be @(0x89, 0x50, 0x4E, 0x47)
    }

    It 'does not overwrite without -Force' {
        Receive-PrinterFile -Address (TestAddress '74.10') -Vendor FlashForge -FileName 'box.gx' -Thumbnail -Destination $TestDrive -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'DestinationFileExists,*'
        Receive-PrinterFile -Address (TestAddress '74.10') -Vendor FlashForge -FileName 'box.gx' -Thumbnail -Destination $TestDrive -Force | Should -Not -BeNullOrEmpty
    }

    It 'takes a camera snapshot: the first JPEG of the stream' {
        $file = Find-Printer -Address (TestAddress '74.11') -Timeout 2 | Receive-PrinterFile -Snapshot -Destination $TestDrive
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        $bytes[0..1] | Should -Be @(0xFF, 0xD8)
        $bytes[-2..-1] | Should -Be @(0xFF, 0xD9)
    }

    It 'refuses noise between JPEG markers and writes no file' {
        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive 'noise')).FullName
        Receive-PrinterFile -Address (TestAddress '74.13') -Vendor FlashForge -Snapshot -Destination $folder -Timeout 5 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterProtocolError,*'
        Get-ChildItem $folder | Should -BeNullOrEmpty
    }

    It 'refuses a thumbnail frame of impossible length' {
        Receive-PrinterFile -Address (TestAddress '74.12') -Vendor FlashForge -FileName 'box.gx' -Thumbnail -Destination (New-Item -ItemType Directory (Join-Path $TestDrive 'bad')).FullName -Timeout 2 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PrinterProtocolError,*'
        $problems[0].Exception.Message | Should -BeLike '*2147483632 bytes*'
        Join-Path $TestDrive 'bad/box.png' | Should -Not -Exist
    }
}
