@echo off
rem mapi-agent launcher for consoles and scripts (diagnose, heal, undo...): runs the agent jar next to
rem this file with the Java runtime recorded by the MSI, and returns the agent's exit code.
rem Logon mode does not use it: the Run key starts javaw.exe directly, without a console window.
setlocal
set "JAVA_HOME_DIR="
for /f "tokens=2,*" %%A in ('reg query "HKLM\SOFTWARE\MapiAgent\Installer" /v JavaHome /reg:64 2^>nul ^| findstr /i /c:"JavaHome"') do set "JAVA_HOME_DIR=%%B"
if not defined JAVA_HOME_DIR (
  echo mapi-agent: no Java runtime recorded in HKLM\SOFTWARE\MapiAgent\Installer; reinstall the MSI with JAVA_HOME_DIR=... 1>&2
  exit /b 3
)
rem Same JVM options and archive as the logon mode, so a helpdesk diagnose starts as quickly.
"%JAVA_HOME_DIR%\bin\java.exe" @"%~dp0jvm.args" "-XX:SharedArchiveFile=%LOCALAPPDATA%\MapiAgent\agent.jsa" -jar "%~dp0mapi-agent.jar" %*
exit /b %ERRORLEVEL%
